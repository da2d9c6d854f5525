//! The HTTP side of `serve`, the only module that touches tiny_http: URLs map to the built
//! files held in memory, HTML gets the reload script, and the script's long poll waits here.

use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use super::inject::{self, OVERLAY_CSS, OVERLAY_CSS_PATH, RELOAD_JS, RELOAD_JS_PATH, VERSION_PATH};
use super::state::{Shared, Snapshot};

/// How long the long poll holds a request when nothing changes: under the idle timeouts of
/// browsers and proxies, long enough to keep the polling cheap.
const LONG_POLL: Duration = Duration::from_secs(25);
/// Long polls held at once; beyond this they are answered at once (each holds a thread).
const MAX_WAITING: usize = 64;

pub(crate) struct Server {
    http: tiny_http::Server,
    addr: SocketAddr,
}

impl Server {
    /// Listens on 127.0.0.1 only: the preview is for this machine. Port 0 picks a free one.
    pub(super) fn bind(port: u16) -> Result<Server, BindError> {
        let http = tiny_http::Server::http(("127.0.0.1", port)).map_err(|e| bind_error(port, e))?;
        let addr = http.server_addr().to_ip().ok_or(BindError::NotIp(port))?;
        Ok(Server { http, addr })
    }

    pub(super) fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// Answers requests for as long as the process lives, each on its own thread: a long poll
    /// holds its thread for up to [`LONG_POLL`].
    pub(super) fn run(self, shared: Arc<Shared>) {
        let waiting = Arc::new(AtomicUsize::new(0));
        for request in self.http.incoming_requests() {
            let (shared, waiting) = (Arc::clone(&shared), Arc::clone(&waiting));
            // When no thread can be made the request is dropped, which closes its connection.
            let _ = std::thread::Builder::new()
                .name("statusgen-http".into())
                .spawn(move || handle(request, &shared, &waiting));
        }
    }
}

/// Why the preview cannot listen.
#[derive(Debug, thiserror::Error)]
pub(crate) enum BindError {
    #[error(
        "port {0} of 127.0.0.1 is already in use (another `statusgen serve`?): \
         choose another with --port N, or --port 0 for any free port"
    )]
    InUse(u16),
    #[error("cannot listen on 127.0.0.1:{port}")]
    Other {
        port: u16,
        #[source]
        source: Box<dyn std::error::Error + Send + Sync + 'static>,
    },
    #[error("cannot listen on 127.0.0.1:{0}: not an IP socket")]
    NotIp(u16),
}

fn bind_error(port: u16, source: Box<dyn std::error::Error + Send + Sync + 'static>) -> BindError {
    let in_use = source
        .downcast_ref::<std::io::Error>()
        .is_some_and(|e| e.kind() == std::io::ErrorKind::AddrInUse);
    if in_use {
        BindError::InUse(port)
    } else {
        BindError::Other { port, source }
    }
}

fn handle(request: tiny_http::Request, shared: &Shared, waiting: &AtomicUsize) {
    let reply = match request.method() {
        tiny_http::Method::Get | tiny_http::Method::Head => route(request.url(), shared, waiting),
        _ => Reply::text(
            405,
            "405 Method Not Allowed: this server only serves files\n",
        ),
    };
    let mut response = tiny_http::Response::from_data(reply.body).with_status_code(reply.status);
    let headers = [
        ("Content-Type", reply.content_type),
        // A preview must never show a stale page.
        ("Cache-Control", "no-store"),
        ("X-Content-Type-Options", "nosniff"),
    ];
    for (name, value) in headers {
        if let Ok(header) = tiny_http::Header::from_bytes(name, value) {
            response.add_header(header);
        }
    }
    if let Some(location) = reply.location
        && let Ok(header) = tiny_http::Header::from_bytes("Location", location)
    {
        response.add_header(header);
    }
    // The client may have gone away (a reload cancels the long poll): nothing to do.
    let _ = request.respond(response);
}

fn route(url: &str, shared: &Shared, waiting: &AtomicUsize) -> Reply {
    let (path, query) = url.split_once('?').unwrap_or((url, ""));
    match path {
        RELOAD_JS_PATH => Reply::ok("text/javascript; charset=utf-8", RELOAD_JS.into()),
        OVERLAY_CSS_PATH => Reply::ok("text/css; charset=utf-8", OVERLAY_CSS.into()),
        VERSION_PATH => {
            let version = match since(query) {
                Some(since) if waiting.fetch_add(1, Ordering::SeqCst) < MAX_WAITING => {
                    let version = shared.wait_for_change(since, LONG_POLL);
                    waiting.fetch_sub(1, Ordering::SeqCst);
                    version
                }
                Some(_) => {
                    waiting.fetch_sub(1, Ordering::SeqCst);
                    shared.read(|s| s.version)
                }
                None => shared.read(|s| s.version),
            };
            Reply::ok(
                "text/plain; charset=utf-8",
                format!("{version}\n").into_bytes(),
            )
        }
        _ => shared.read(|snapshot| answer(snapshot, url)),
    }
}

/// `since=N` of the long poll's query.
fn since(query: &str) -> Option<u64> {
    query
        .split('&')
        .find_map(|pair| pair.strip_prefix("since="))
        .and_then(|n| n.parse().ok())
}

/// What the server sends back.
#[derive(Debug)]
pub(crate) struct Reply {
    pub status: u16,
    pub content_type: &'static str,
    pub body: Vec<u8>,
    pub location: Option<String>,
}

impl Reply {
    fn ok(content_type: &'static str, body: Vec<u8>) -> Reply {
        Reply {
            status: 200,
            content_type,
            body,
            location: None,
        }
    }

    fn text(status: u16, text: &str) -> Reply {
        Reply {
            status,
            ..Reply::ok("text/plain; charset=utf-8", text.as_bytes().to_vec())
        }
    }
}

/// The answer to a GET of `url` from the site in `snapshot`.
pub(crate) fn answer(snapshot: &Snapshot, url: &str) -> Reply {
    let (version, error) = (snapshot.version, snapshot.error.as_deref());
    if snapshot.files.is_empty() {
        // No good build yet: every page is the error.
        let page = inject::error_page(version, error.unwrap_or("the site has not been built yet"));
        return Reply {
            status: 500,
            ..Reply::ok("text/html; charset=utf-8", page.into_bytes())
        };
    }
    let Some(path) = file_path(url) else {
        return not_found(snapshot);
    };
    if let Some(bytes) = snapshot.files.get(&path) {
        let body = inject::for_serving(&path, bytes, version, error).into_owned();
        return Reply::ok(content_type(&path), body);
    }
    // A folder without its slash: redirect, so that the page's relative links resolve.
    if snapshot.files.contains_key(&format!("{path}/index.html")) {
        // From the cleaned path, never the raw one: `//history` must not become a host.
        let query = url.split_once('?').map(|(_, q)| q);
        let location = match query {
            Some(query) => format!("/{path}/?{query}"),
            None => format!("/{path}/"),
        };
        return Reply {
            status: 301,
            location: Some(location),
            ..Reply::text(301, "301 Moved Permanently\n")
        };
    }
    not_found(snapshot)
}

/// The site's own 404.html with status 404, or a line of text when it has none.
fn not_found(snapshot: &Snapshot) -> Reply {
    match snapshot.files.get("404.html") {
        Some(bytes) => Reply {
            status: 404,
            ..Reply::ok(
                content_type("404.html"),
                inject::for_serving(
                    "404.html",
                    bytes,
                    snapshot.version,
                    snapshot.error.as_deref(),
                )
                .into_owned(),
            )
        },
        None => Reply::text(404, "404 Not Found\n"),
    }
}

/// The built file that a request URL names: `/` and folders (`/incidents/a/`) stand for their
/// `index.html`; percent-escapes are decoded; `None` for a path that tries to climb out of
/// the site (`..`) or does not decode to UTF-8.
pub(crate) fn file_path(url: &str) -> Option<String> {
    let path = url.split(['?', '#']).next().unwrap_or_default();
    let decoded = percent_decode(path)?;
    if !decoded.starts_with('/') {
        return None;
    }
    let mut parts = Vec::new();
    for part in decoded.split('/') {
        match part {
            "" | "." => {}
            ".." => return None,
            part if part.contains(['\\', '\0']) => return None,
            part => parts.push(part),
        }
    }
    let mut file = parts.join("/");
    if decoded.ends_with('/') || file.is_empty() {
        if !file.is_empty() {
            file.push('/');
        }
        file.push_str("index.html");
    }
    Some(file)
}

fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = bytes.get(i + 1..i + 3)?;
            let hex = std::str::from_utf8(hex).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// The Content-Type of a built file, by its extension.
pub(crate) fn content_type(path: &str) -> &'static str {
    let name = path.rsplit('/').next().unwrap_or(path);
    let Some((stem, extension)) = name.rsplit_once('.') else {
        // CNAME and the like.
        return "text/plain; charset=utf-8";
    };
    if stem.is_empty() {
        // `.nojekyll`: a hidden file, not an extension.
        return "text/plain; charset=utf-8";
    }
    match extension.to_ascii_lowercase().as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "svg" => "image/svg+xml",
        "xml" => "application/xml; charset=utf-8",
        "json" => "application/json",
        "webmanifest" => "application/manifest+json",
        "png" => "image/png",
        "ico" => "image/x-icon",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "txt" | "md" => "text/plain; charset=utf-8",
        "pdf" => "application/pdf",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_map_to_built_files() {
        assert_eq!(file_path("/").as_deref(), Some("index.html"));
        assert_eq!(file_path("").as_deref(), None);
        assert_eq!(file_path("/?x=1").as_deref(), Some("index.html"));
        assert_eq!(
            file_path("/incidents/api-down/").as_deref(),
            Some("incidents/api-down/index.html")
        );
        assert_eq!(
            file_path("/incidents/api-down").as_deref(),
            Some("incidents/api-down")
        );
        assert_eq!(file_path("/style.css?v=2").as_deref(), Some("style.css"));
        assert_eq!(
            file_path("/history/index.html#top").as_deref(),
            Some("history/index.html")
        );
        assert_eq!(
            file_path("/services/%EC%B9%B4%EC%B9%B4%EC%98%A4/").as_deref(),
            Some("services/카카오/index.html")
        );
        assert_eq!(file_path("//badge.svg").as_deref(), Some("badge.svg"));
        assert_eq!(file_path("/./feed.xml").as_deref(), Some("feed.xml"));
    }

    #[test]
    fn paths_cannot_climb_out() {
        for url in [
            "/../etc/passwd",
            "/incidents/../../secret",
            "/%2e%2e/etc/passwd",
            "/%2E%2E%2Fetc%2Fpasswd",
            "/a%5c..%5cb",
            "/a%00b",
            "/%zz",
            "/%ff",
            "http://elsewhere/",
        ] {
            assert_eq!(file_path(url), None, "{url}");
        }
    }

    #[test]
    fn content_types_follow_extensions() {
        let cases = [
            ("index.html", "text/html; charset=utf-8"),
            ("style.css", "text/css; charset=utf-8"),
            ("badges/api.svg", "image/svg+xml"),
            ("feed.xml", "application/xml; charset=utf-8"),
            ("api/v2/summary.json", "application/json"),
            ("logo.PNG", "image/png"),
            ("favicon.ico", "image/x-icon"),
            ("robots.txt", "text/plain; charset=utf-8"),
            ("CNAME", "text/plain; charset=utf-8"),
            (".nojekyll", "text/plain; charset=utf-8"),
            ("v1.2/archive.bin", "application/octet-stream"),
        ];
        for (path, expected) in cases {
            assert_eq!(content_type(path), expected, "{path}");
        }
    }

    fn site() -> Snapshot {
        let page = "<html><head></head><body><p>page</p></body></html>";
        let files = [
            ("index.html", page),
            ("incidents/a/index.html", page),
            ("404.html", "<html><body>gone</body></html>"),
            ("style.css", "p{}"),
        ];
        Snapshot {
            version: 3,
            files: files
                .iter()
                .map(|(p, b)| (p.to_string(), b.as_bytes().to_vec()))
                .collect(),
            error: None,
        }
    }

    #[test]
    fn answers_pages_folders_and_misses() {
        let snapshot = site();
        let home = answer(&snapshot, "/");
        assert_eq!(
            (home.status, home.content_type),
            (200, "text/html; charset=utf-8")
        );
        assert!(String::from_utf8_lossy(&home.body).contains(RELOAD_JS_PATH));

        let css = answer(&snapshot, "/style.css");
        assert_eq!((css.status, css.body.as_slice()), (200, b"p{}".as_slice()));

        let folder = answer(&snapshot, "/incidents/a?x=1");
        assert_eq!(folder.status, 301);
        assert_eq!(folder.location.as_deref(), Some("/incidents/a/?x=1"));

        for url in ["/nope", "/../index.html", "/incidents/b/"] {
            let missing = answer(&snapshot, url);
            assert_eq!(missing.status, 404, "{url}");
            let body = String::from_utf8_lossy(&missing.body);
            assert!(
                body.contains("gone") && body.contains(RELOAD_JS_PATH),
                "{body}"
            );
        }
    }

    #[test]
    fn a_failed_build_shows_on_every_page_until_there_is_a_good_one() {
        let mut snapshot = site();
        snapshot.error = Some("error: unknown state 'x'".into());
        for url in ["/", "/nope"] {
            let body = String::from_utf8(answer(&snapshot, url).body).unwrap();
            assert!(body.contains("unknown state &apos;x&apos;"), "{body}");
        }
        assert_eq!(answer(&snapshot, "/style.css").body, b"p{}");

        let first = Snapshot {
            version: 1,
            files: Default::default(),
            error: Some("error: <bad>".into()),
        };
        let reply = answer(&first, "/incidents/a/");
        assert_eq!(reply.status, 500);
        assert!(String::from_utf8_lossy(&reply.body).contains("error: &lt;bad&gt;"));
    }

    #[test]
    fn reads_the_long_poll_version() {
        assert_eq!(since("since=12"), Some(12));
        assert_eq!(since("x=1&since=3"), Some(3));
        assert_eq!(since("since=abc"), None);
        assert_eq!(since(""), None);
    }
}
