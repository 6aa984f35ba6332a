//! HTML tag names as a closed enum, so that the tree builder and the heuristics match on
//! integers instead of strings.

macro_rules! tags {
    ($($variant:ident => $name:literal),* $(,)?) => {
        /// A known HTML element name; anything else is [`Tag::Other`] (its name is kept on the
        /// element).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        #[allow(missing_docs)]
        pub enum Tag { $($variant,)* Other }

        impl Tag {
            /// The tag for a lower-case element name.
            pub fn from_lowercase(name: &str) -> Tag {
                match name { $($name => Tag::$variant,)* _ => Tag::Other }
            }

            /// The element name, `""` for [`Tag::Other`].
            pub fn as_str(self) -> &'static str {
                match self { $(Tag::$variant => $name,)* Tag::Other => "" }
            }
        }
    };
}

tags! {
    A => "a", Abbr => "abbr", Address => "address", Amp => "amp-img", Applet => "applet",
    Area => "area", Article => "article", Aside => "aside", Audio => "audio", B => "b",
    Base => "base", Bdi => "bdi", Bdo => "bdo", Big => "big", Blockquote => "blockquote",
    Body => "body", Br => "br", Button => "button", Canvas => "canvas", Caption => "caption",
    Center => "center", Cite => "cite", Code => "code", Col => "col", Colgroup => "colgroup",
    Data => "data", Dd => "dd", Del => "del", Details => "details", Dfn => "dfn",
    Dialog => "dialog", Dir => "dir", Div => "div", Dl => "dl", Dt => "dt", Em => "em",
    Embed => "embed", Fieldset => "fieldset", Figcaption => "figcaption", Figure => "figure",
    Font => "font", Footer => "footer", Form => "form", Frame => "frame", Frameset => "frameset",
    H1 => "h1", H2 => "h2", H3 => "h3", H4 => "h4", H5 => "h5", H6 => "h6", Head => "head",
    Header => "header", Hgroup => "hgroup", Hr => "hr", Html => "html", I => "i",
    Iframe => "iframe", Img => "img", Input => "input", Ins => "ins", Kbd => "kbd",
    Keygen => "keygen", Label => "label", Legend => "legend", Li => "li", Link => "link",
    Main => "main", Map => "map", Mark => "mark", Marquee => "marquee", Menu => "menu",
    Meta => "meta", Meter => "meter", Nav => "nav", Noembed => "noembed",
    Noframes => "noframes", Noscript => "noscript", Object => "object", Ol => "ol",
    Optgroup => "optgroup", Option => "option", Output => "output", P => "p", Param => "param",
    Picture => "picture", Plaintext => "plaintext", Pre => "pre", Progress => "progress",
    Q => "q", Rp => "rp", Rt => "rt", Ruby => "ruby", S => "s", Samp => "samp",
    Script => "script", Search => "search", Section => "section", Select => "select",
    Slot => "slot", Small => "small", Source => "source", Span => "span", Strike => "strike",
    Strong => "strong", Style => "style", Sub => "sub", Summary => "summary", Sup => "sup",
    Svg => "svg", Math => "math", Table => "table", Tbody => "tbody", Td => "td",
    Template => "template", Textarea => "textarea", Tfoot => "tfoot", Th => "th",
    Thead => "thead", Time => "time", Title => "title", Tr => "tr", Track => "track",
    Tt => "tt", U => "u", Ul => "ul", Var => "var", Video => "video", Wbr => "wbr", Xmp => "xmp",
}

impl Tag {
    /// Elements that never have content.
    pub fn is_void(self) -> bool {
        matches!(
            self,
            Tag::Area
                | Tag::Base
                | Tag::Br
                | Tag::Col
                | Tag::Embed
                | Tag::Hr
                | Tag::Img
                | Tag::Input
                | Tag::Keygen
                | Tag::Link
                | Tag::Meta
                | Tag::Param
                | Tag::Source
                | Tag::Track
                | Tag::Wbr
                | Tag::Frame
        )
    }

    /// Elements whose content is raw text (no tags inside), up to the matching end tag.
    pub fn is_raw_text(self) -> bool {
        matches!(
            self,
            Tag::Script
                | Tag::Style
                | Tag::Xmp
                | Tag::Iframe
                | Tag::Noembed
                | Tag::Noframes
                | Tag::Noscript
                | Tag::Textarea
                | Tag::Title
        )
    }

    /// Raw-text elements whose content still has character references decoded.
    pub fn is_rcdata(self) -> bool {
        matches!(self, Tag::Textarea | Tag::Title)
    }

    /// Start tags that close an open `<p>` (HTML's "close a p element" list).
    pub fn closes_p(self) -> bool {
        matches!(
            self,
            Tag::Address
                | Tag::Article
                | Tag::Aside
                | Tag::Blockquote
                | Tag::Center
                | Tag::Details
                | Tag::Dialog
                | Tag::Dir
                | Tag::Div
                | Tag::Dl
                | Tag::Fieldset
                | Tag::Figcaption
                | Tag::Figure
                | Tag::Footer
                | Tag::Form
                | Tag::H1
                | Tag::H2
                | Tag::H3
                | Tag::H4
                | Tag::H5
                | Tag::H6
                | Tag::Header
                | Tag::Hgroup
                | Tag::Hr
                | Tag::Main
                | Tag::Menu
                | Tag::Nav
                | Tag::Ol
                | Tag::P
                | Tag::Pre
                | Tag::Section
                | Tag::Table
                | Tag::Ul
                | Tag::Li
                | Tag::Dd
                | Tag::Dt
                | Tag::Plaintext
                | Tag::Xmp
                | Tag::Search
                | Tag::Summary
        )
    }

    /// Headings `h1`–`h6`.
    pub fn is_heading(self) -> bool {
        matches!(
            self,
            Tag::H1 | Tag::H2 | Tag::H3 | Tag::H4 | Tag::H5 | Tag::H6
        )
    }

    /// Elements that delimit the search for an open element to close ("scope" in the spec).
    pub fn is_scope_boundary(self) -> bool {
        matches!(
            self,
            Tag::Applet
                | Tag::Caption
                | Tag::Html
                | Tag::Table
                | Tag::Td
                | Tag::Th
                | Tag::Marquee
                | Tag::Object
                | Tag::Template
        )
    }

    /// Block-level elements: text on either side of them is a separate block.
    pub fn is_block(self) -> bool {
        self.closes_p()
            || matches!(
                self,
                Tag::Body
                    | Tag::Html
                    | Tag::Tr
                    | Tag::Td
                    | Tag::Th
                    | Tag::Tbody
                    | Tag::Thead
                    | Tag::Tfoot
                    | Tag::Caption
                    | Tag::Br
                    | Tag::Option
                    | Tag::Legend
                    | Tag::Noscript
                    | Tag::Video
                    | Tag::Audio
                    | Tag::Iframe
                    | Tag::Canvas
                    | Tag::Select
                    | Tag::Textarea
                    | Tag::Button
            )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        assert_eq!(Tag::from_lowercase("blockquote"), Tag::Blockquote);
        assert_eq!(Tag::Blockquote.as_str(), "blockquote");
        assert_eq!(Tag::from_lowercase("my-widget"), Tag::Other);
    }
}
