//! The `newsloom` command.
fn main() {}
