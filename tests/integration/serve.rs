//! `statusgen serve` as a user runs it: a child process on a free port, fetched with plain
//! HTTP/1.0 over a TcpStream, while the test edits the site under it.
#![cfg(feature = "serve")]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::Path;
use std::process::{Child, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::common::{OUTAGE_YAML, TempDir, assert_contains, basic_site, run_in, statusgen};

const NOW: &str = "2024-03-01T12:00:00+09:00";
const INCIDENT: &str = "/incidents/outage/";
/// How long the server may take to start (it builds the site first) on a busy machine.
const START_TIMEOUT: Duration = Duration::from_secs(30);
/// An edit must be served within this.
const RELOAD_LIMIT: Duration = Duration::from_secs(2);

/// A running `statusgen serve`, killed when dropped (also when a test panics).
struct Server {
    child: Child,
    addr: SocketAddr,
    stderr: Arc<Mutex<String>>,
}

impl Server {
    fn start(site: &Path) -> Server {
        let mut child = statusgen(site)
            .args(["serve".as_ref(), site.as_os_str()])
            .args(["--port", "0", "--now", NOW])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("cannot start statusgen serve");
        let lines = read_lines(child.stdout.take().expect("stdout is piped"));
        let stderr = Arc::new(Mutex::new(String::new()));
        let errors = read_lines(child.stderr.take().expect("stderr is piped"));
        {
            let stderr = Arc::clone(&stderr);
            std::thread::spawn(move || {
                for line in errors {
                    let mut text = stderr.lock().unwrap();
                    text.push_str(&line);
                    text.push('\n');
                }
            });
        }
        let mut server = Server {
            child,
            addr: SocketAddr::from(([127, 0, 0, 1], 0)),
            stderr,
        };
        server.addr = server.wait_for_url(&lines);
        // Keep draining stdout so a chatty server never blocks on a full pipe.
        std::thread::spawn(move || for _ in lines {});
        server
    }

    /// The address of the `Serving http://127.0.0.1:PORT/` line.
    fn wait_for_url(&mut self, lines: &Receiver<String>) -> SocketAddr {
        let deadline = Instant::now() + START_TIMEOUT;
        let mut seen = String::new();
        while let Some(left) = deadline.checked_duration_since(Instant::now()) {
            let Ok(line) = lines.recv_timeout(left) else {
                break;
            };
            seen.push_str(&line);
            seen.push('\n');
            if let Some(rest) = line.split("http://").nth(1) {
                let addr = rest.split('/').next().unwrap_or_default();
                return addr
                    .parse()
                    .unwrap_or_else(|_| panic!("not an address in {line:?}"));
            }
        }
        let status = self.child.try_wait().ok().flatten();
        panic!(
            "statusgen serve printed no URL within {START_TIMEOUT:?} (exit: {status:?})\nstdout:\n{seen}\nstderr:\n{}",
            self.stderr()
        );
    }

    fn stderr(&self) -> String {
        self.stderr.lock().unwrap().clone()
    }

    fn get(&self, path: &str) -> Response {
        get(self.addr, path)
    }

    /// Polls `path` every 50 ms until `ready` holds for its body; returns the page and how
    /// long it took. Fails after `limit`, with the last page.
    fn wait_for(
        &self,
        path: &str,
        limit: Duration,
        ready: impl Fn(&str) -> bool,
    ) -> (String, Duration) {
        let started = Instant::now();
        loop {
            let page = self.get(path).body;
            if ready(&page) {
                return (page, started.elapsed());
            }
            if started.elapsed() > limit {
                panic!(
                    "{path} was not updated within {limit:?}; it serves:\n{page}\nstderr:\n{}",
                    self.stderr()
                );
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Every line of `pipe`, sent as it comes.
fn read_lines(pipe: impl Read + Send + 'static) -> Receiver<String> {
    let (sender, receiver) = channel();
    std::thread::spawn(move || {
        for line in BufReader::new(pipe).lines() {
            let Ok(line) = line else { break };
            if sender.send(line).is_err() {
                break;
            }
        }
    });
    receiver
}

struct Response {
    status: u16,
    head: String,
    body: String,
}

/// A plain HTTP/1.0 GET: the server closes the connection after the answer.
fn get(addr: SocketAddr, path: &str) -> Response {
    let timeout = Duration::from_secs(10);
    let mut stream = TcpStream::connect_timeout(&addr, timeout).expect("cannot connect");
    stream.set_read_timeout(Some(timeout)).unwrap();
    stream.set_write_timeout(Some(timeout)).unwrap();
    write!(stream, "GET {path} HTTP/1.0\r\nHost: {addr}\r\n\r\n").unwrap();
    let mut bytes = Vec::new();
    stream
        .read_to_end(&mut bytes)
        .unwrap_or_else(|e| panic!("GET {path}: {e}"));
    let text = String::from_utf8_lossy(&bytes).into_owned();
    let (head, body) = text
        .split_once("\r\n\r\n")
        .unwrap_or_else(|| panic!("GET {path}: no header end in {text:?}"));
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("GET {path}: no status in {head:?}"));
    Response {
        status,
        head: head.to_string(),
        body: body.to_string(),
    }
}

fn header<'a>(response: &'a Response, name: &str) -> Option<&'a str> {
    response.head.lines().find_map(|line| {
        let (key, value) = line.split_once(':')?;
        key.eq_ignore_ascii_case(name).then(|| value.trim())
    })
}

#[test]
fn edits_are_served_at_once_and_a_broken_edit_shows_its_error() {
    let site = basic_site("serve-edit");
    let server = Server::start(site.path());

    let home = server.get("/");
    assert_eq!(home.status, 200, "{}", home.body);
    assert_contains(&home.body, &["Example Status", "API outage"]);
    let page = server.get(INCIDENT);
    assert_eq!(page.status, 200, "{}", page.body);
    assert_contains(&page.body, &["<title>API outage"]);

    let renamed = OUTAGE_YAML.replace("title: API outage", "title: Gateway meltdown");
    site.write("incidents/outage.yaml", &renamed);
    let (page, took) = server.wait_for(INCIDENT, RELOAD_LIMIT, |p| p.contains("Gateway meltdown"));
    assert!(took < RELOAD_LIMIT, "the new title took {took:?}");
    assert!(!page.contains("statusgen-error"), "{page}");

    // Line 6 is `- { at: 0, state: major_outage }`.
    site.write(
        "incidents/outage.yaml",
        renamed.replace("state: major_outage", "state: kaput"),
    );
    let (page, _) = server.wait_for(INCIDENT, RELOAD_LIMIT, |p| p.contains("statusgen-error"));
    assert_contains(
        &page,
        &[
            "<title>Gateway meltdown",
            "unknown state &apos;kaput&apos;",
            "incidents/outage.yaml:6:",
        ],
    );
    assert!(
        page.find("statusgen-error") < page.find("<main"),
        "the banner comes first:\n{page}"
    );
    assert_contains(
        &server.get("/").body,
        &["statusgen-error", "incidents/outage.yaml:6:"],
    );
    let deadline = Instant::now() + RELOAD_LIMIT;
    while !server.stderr().contains("incidents/outage.yaml:6:") && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(50));
    }
    assert_contains(
        &server.stderr(),
        &[
            "error: unknown state 'kaput'",
            "--> incidents/outage.yaml:6:",
        ],
    );

    site.write(
        "incidents/outage.yaml",
        OUTAGE_YAML.replace("title: API outage", "title: Gateway recovered"),
    );
    let (page, _) = server.wait_for(INCIDENT, RELOAD_LIMIT, |p| p.contains("Gateway recovered"));
    assert!(!page.contains("statusgen-error"), "{page}");
    assert!(!server.get("/").body.contains("statusgen-error"));
}

#[test]
fn only_served_pages_carry_the_reload_script() {
    let site = basic_site("serve-script");
    let server = Server::start(site.path());

    let script = server.get("/__statusgen/reload.js");
    assert_eq!(script.status, 200);
    assert!(
        header(&script, "Content-Type").is_some_and(|t| t.starts_with("text/javascript")),
        "{}",
        script.head
    );
    assert_contains(&script.body, &["/__statusgen/version?since="]);

    for path in ["/", INCIDENT, "/history/", "/incidents/outage/index.html"] {
        let page = server.get(path);
        assert_eq!(page.status, 200, "{path}");
        assert_eq!(
            header(&page, "Content-Type"),
            Some("text/html; charset=utf-8")
        );
        assert_contains(
            &page.body,
            &[
                "<script src=\"/__statusgen/reload.js\"",
                "script-src 'self'; connect-src 'self'",
            ],
        );
    }
    let missing = server.get("/no/such/page/");
    assert_eq!(missing.status, 404);
    assert_contains(&missing.body, &["/__statusgen/reload.js"]);
    let css = server.get("/style.css");
    assert_eq!(css.status, 200);
    assert_eq!(
        header(&css, "Content-Type"),
        Some("text/css; charset=utf-8")
    );
    assert!(!css.body.contains("__statusgen"));
    assert_eq!(server.get("/../../../../etc/passwd").status, 404);
    assert_eq!(server.get("/incidents/outage").status, 301);

    let out = TempDir::new("serve-build");
    let public = out.join("public");
    let (code, _, stderr) = run_in(
        site.path(),
        [
            "build".as_ref(),
            site.path().as_os_str(),
            "-o".as_ref(),
            public.as_os_str(),
            "--now".as_ref(),
            NOW.as_ref(),
        ],
        crate::common::DEFAULT_TIMEOUT,
    );
    assert_eq!(code, 0, "{stderr}");
    let mut pages = 0;
    for (path, bytes) in crate::common::read_tree(&public) {
        if path.ends_with(".html") {
            let html = String::from_utf8(bytes).unwrap();
            assert!(!html.contains("<script"), "{path} has a script");
            assert!(!html.contains("script-src"), "{path}");
            pages += 1;
        }
    }
    assert!(pages >= 4, "only {pages} pages were built");
}

#[test]
fn a_port_in_use_is_a_clear_error() {
    let site = basic_site("serve-port");
    let server = Server::start(site.path());
    let port = server.addr.port().to_string();
    let (code, _, stderr) = run_in(
        site.path(),
        ["serve", ".", "--port", &port, "--now", NOW],
        Duration::from_secs(30),
    );
    assert_eq!(code, 1, "{stderr}");
    assert_contains(
        &stderr,
        &[&format!("port {port}"), "already in use", "--port 0"],
    );
}
