//! `newsloom serve`: the web reader and the JSON API over a store; `--demo` first ingests
//! the demo corpus bundled in the binary into a fresh data directory.

use crate::data_dir::DataArgs;
use crate::ingest_cmd::{self, IngestArgs};
use anyhow::{bail, Context, Result};
use newsloom_serve::{ServeConfig, DEFAULT_ADDR};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// The demo corpus (`examples/corpus`), compiled into the binary.
#[derive(rust_embed::RustEmbed)]
#[folder = "../../examples/corpus/"]
struct DemoCorpus;

/// Arguments of `newsloom serve`.
#[derive(clap::Args, Debug)]
pub struct ServeArgs {
    /// Where to listen. Loopback by default: give 0.0.0.0:PORT to serve the network.
    #[arg(long, value_name = "ADDR", default_value = DEFAULT_ADDR)]
    pub addr: SocketAddr,
    /// The token `POST /api/v1/ingest` requires (as `Authorization: Bearer TOKEN`); without
    /// one, the API is read-only.
    #[arg(
        long,
        value_name = "TOKEN",
        env = "NEWSLOOM_TOKEN",
        hide_env_values = true
    )]
    pub token: Option<String>,
    /// Ingest the bundled demo corpus (30 pages, five languages) into a fresh data directory
    /// and serve it.
    #[arg(long)]
    pub demo: bool,
    /// With --demo: where to put the fresh data directory (default: a new directory under the
    /// system's temporary directory). It must not exist yet or be empty.
    #[arg(long, value_name = "DIR", requires = "demo")]
    pub demo_dir: Option<PathBuf>,
    /// The store (without --demo).
    #[command(flatten)]
    pub data: DataArgs,
}

/// Runs the command.
pub fn run(args: &ServeArgs, quiet: bool) -> Result<ExitCode> {
    let data = if args.demo {
        let dir = match &args.demo_dir {
            Some(d) => d.clone(),
            None => std::env::temp_dir().join(format!(
                "newsloom-demo-{}-{}",
                std::process::id(),
                std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .map_or(0, |d| d.as_secs())
            )),
        };
        prepare_demo(&dir, quiet)?;
        dir
    } else {
        let dir = args.data.dir();
        if !dir.join(newsloom_store::DATABASE_FILE).exists() {
            bail!(
                "no store in {}: run `newsloom ingest --data {} PAGES…` first, or `newsloom serve --demo`",
                dir.display(),
                dir.display()
            );
        }
        dir
    };
    if !args.addr.ip().is_loopback() {
        eprintln!(
            "newsloom: warning: listening on {}: anyone who can reach it can read the corpus",
            args.addr
        );
    }
    let mut config = ServeConfig::new(data.clone());
    config.addr = args.addr;
    config.token = args.token.clone().filter(|t| !t.is_empty());
    let ingest = if config.token.is_some() {
        "POST /api/v1/ingest needs the token"
    } else {
        "read-only: no --token, so no ingest"
    };
    newsloom_serve::run_blocking(config, |addr| {
        eprintln!(
            "newsloom: serving {} at http://{addr}/  (API: http://{addr}/api/v1/openapi.json; {ingest}; Ctrl-C to stop)",
            data.display()
        );
    })
    .context("the server stopped")?;
    Ok(ExitCode::SUCCESS)
}

/// Writes the bundled pages into `dir/demo-pages` and ingests them into the store in `dir`.
fn prepare_demo(dir: &Path, quiet: bool) -> Result<()> {
    if dir.exists() && dir.read_dir().map_or(true, |mut d| d.next().is_some()) {
        bail!(
            "{} is not empty: --demo needs a fresh directory",
            dir.display()
        );
    }
    let pages = dir.join("demo-pages");
    let mut n = 0;
    for name in DemoCorpus::iter() {
        let path = Path::new(name.as_ref());
        if !newsloom_ingest::files::has_known_extension(path) {
            continue;
        }
        let Some(file) = DemoCorpus::get(&name) else {
            continue;
        };
        let target = pages.join(path);
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent)
                .with_context(|| format!("cannot create {}", parent.display()))?;
        }
        std::fs::write(&target, file.data.as_ref())
            .with_context(|| format!("cannot write {}", target.display()))?;
        n += 1;
    }
    if n == 0 {
        bail!("this binary was built without the demo corpus");
    }
    if !quiet {
        eprintln!(
            "newsloom: ingesting the demo corpus ({n} pages) into {}",
            dir.display()
        );
    }
    let args = IngestArgs {
        sources: vec![pages.display().to_string()],
        data: DataArgs {
            data: dir.to_path_buf(),
        },
        batch: 500,
        threads: None,
        host_interval: 1.0,
        no_analysis: false,
        no_stories: false,
    };
    let code = ingest_cmd::run(&args, quiet)?;
    if code != ExitCode::SUCCESS {
        bail!("the demo corpus did not ingest cleanly");
    }
    Ok(())
}
