//! What the 404 page carries inline. Hosts serve it at any depth of a missing URL, where no
//! relative link reaches the site's stylesheet and, without a `base_url`, no absolute one
//! can be known: so its stylesheet and icon travel inside it, the stylesheet allowed by its
//! hash in the Content-Security-Policy rather than by `'unsafe-inline'`. The only module
//! that touches sha2 and base64.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use serde::Serialize;
use sha2::{Digest, Sha256};

#[derive(Debug, Clone, Serialize)]
pub(super) struct Inline {
    /// The stylesheet, to go between `<style>` and `</style>` as it is.
    pub css: String,
    /// Its CSP source: `'sha256-…'`.
    pub css_hash: String,
    /// The icon as a `data:` URL.
    pub icon: Option<String>,
}

impl Inline {
    pub(super) fn new(css: &[u8], icon_svg: Option<&[u8]>) -> Inline {
        // `</style` would end the element early; CSS never needs it.
        let css = String::from_utf8_lossy(css).replace("</", "<\\/");
        Inline {
            css_hash: format!(
                "'sha256-{}'",
                STANDARD.encode(Sha256::digest(css.as_bytes()))
            ),
            css,
            icon: icon_svg.map(|svg| format!("data:image/svg+xml;base64,{}", STANDARD.encode(svg))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_hash_is_the_one_browsers_compute() {
        // `echo -n 'a{}' | openssl dgst -sha256 -binary | base64`
        let inline = Inline::new(b"a{}", Some(b"<svg/>"));
        assert_eq!(
            inline.css_hash,
            "'sha256-X1RutGBrXCt9KkSaXMK7tHftWiRscFHOhxsS8tv8hBk='"
        );
        assert_eq!(
            inline.icon.as_deref(),
            Some("data:image/svg+xml;base64,PHN2Zy8+")
        );
        assert_eq!(Inline::new(b"x</style>", None).css, "x<\\/style>");
    }
}
