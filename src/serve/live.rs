//! Serve, live reload: what is added to HTML responses (the reload script and the problems
//! overlay) and the server-sent events that tell open pages about each rebuild.
//!
//! Only the preview adds these; `build` output never contains them. The overlay is put
//! into the HTML by the server, so it shows without JavaScript; the script only makes it
//! appear (and the page reload) without pressing F5.

use crate::error::{Diagnostic, SHOWN};
use crate::render::theme::escape_html;
use std::io::Write;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// Where pages listen for rebuilds.
pub const EVENTS_PATH: &str = "/__minhbach/events";

/// The `id` of the overlay element, so a push can replace it.
const OVERLAY_ID: &str = "minhbach-problems";

/// What the preview puts into every HTML page of a snapshot: the overlay (if there are
/// problems) and the live-reload script. Made once per snapshot, not per request.
pub fn extra(generation: u64, problems: &[Diagnostic]) -> Vec<u8> {
    let mut extra = String::new();
    if !problems.is_empty() {
        extra.push_str(&overlay(problems));
    }
    extra.push_str(&script(generation));
    extra.into_bytes()
}

/// Where [`extra`] goes in a page: before the last `</body>`, in any letter case, or at
/// the end of a page that has none.
pub fn insertion_point(html: &[u8]) -> usize {
    const TAG: &[u8] = b"</body>";
    html.windows(TAG.len())
        .rposition(|w| w.eq_ignore_ascii_case(TAG))
        .unwrap_or(html.len())
}

/// The script: reload when the site was rebuilt since this page was served; show pushed
/// problems at once. Pages work the same without it.
///
/// Browsers open at most six connections to one host, so one live-reload stream per open
/// page would leave the seventh page waiting for ever. The pages of one browser elect a
/// leader (Web Locks, which a page holds until it closes): only the leader listens to
/// the stream and passes each event to the others (BroadcastChannel); a page that joins
/// asks the leader for the latest events. Where Web Locks are missing (pages opened by
/// address from another computer are not a secure context), each page asks for the
/// latest events every two seconds on a connection that is closed at once.
fn script(generation: u64) -> String {
    format!(
        "<script>(function(){{if(!window.EventSource)return;\
var G=\"{generation}\",P=\"{EVENTS_PATH}\",shown=\"\";\
function on(t,d){{if(t===\"build\"){{if(d!==G)location.reload()}}else if(d!==shown){{shown=d;\
var o=document.getElementById(\"{OVERLAY_ID}\");if(o)o.remove();document.body.insertAdjacentHTML(\"beforeend\",d)}}}}\
function listen(u,f){{var s=new EventSource(u);[\"build\",\"problems\"].forEach(function(t){{\
s.addEventListener(t,function(e){{f(t,e.data)}})}})}}\
if(!(window.BroadcastChannel&&navigator.locks))return listen(P+\"?poll\",on);\
var c=new BroadcastChannel(\"minhbach-live\"),last={{}},lead=false;\
c.onmessage=function(e){{var m=e.data;if(m.t===\"hello\"){{if(lead)for(var k in last)c.postMessage({{t:k,d:last[k]}})}}else on(m.t,m.d)}};\
navigator.locks.request(\"minhbach-live\",function(){{lead=true;return new Promise(function(){{\
listen(P,function(t,d){{if(t===\"build\")delete last.problems;last[t]=d;c.postMessage({{t:t,d:d}});on(t,d)}})}})}});\
c.postMessage({{t:\"hello\"}})}})();</script>"
    )
}

/// The problems overlay: the errors in the terminal's format (the first [`SHOWN`], then
/// how many more), over the last good page. Inline styles, so no theme can hide it;
/// `<details>` lets readers fold it without JS.
pub fn overlay(problems: &[Diagnostic]) -> String {
    let errors: Vec<&Diagnostic> = problems.iter().filter(|d| d.is_error()).collect();
    let mut html = format!(
        "<div id=\"{OVERLAY_ID}\" role=\"alert\" style=\"position:fixed;top:0;left:0;right:0;\
z-index:2147483647;max-height:70vh;overflow:auto;margin:0;padding:.75rem 1rem;\
background:#fff4f4;color:#1b1b1b;border-bottom:4px solid #b00020;\
box-shadow:0 2px 12px rgba(0,0,0,.35);font:15px/1.45 system-ui,sans-serif;text-align:left\">\
<details open><summary style=\"cursor:pointer;font-weight:bold;color:#b00020\">\
minhbach: {} error(s) in the content. This is the last good version of the page.\
</summary>",
        errors.len()
    );
    for d in errors.iter().take(SHOWN) {
        html.push_str(
            "<pre style=\"white-space:pre-wrap;overflow-wrap:anywhere;margin:.6rem 0;\
padding:.5rem;background:#fff;border:1px solid #e3b5b5;\
font:13px/1.4 ui-monospace,Menlo,Consolas,monospace\">",
        );
        html.push_str(&escape_html(&d.to_string()));
        html.push_str("</pre>");
    }
    if errors.len() > SHOWN {
        html.push_str(&format!(
            "<p style=\"margin:.25rem 0 0\">… and {} more error(s), not shown here: the terminal and <code>minhbach check</code> list them.</p>",
            errors.len() - SHOWN
        ));
    }
    html.push_str("<p style=\"margin:.25rem 0 0\">Fix the file and save it: the site is rebuilt and this page reloads by itself.</p></details></div>");
    html
}

/// The page served for every path while no build has succeeded yet.
pub fn error_page(generation: u64, problems: &[Diagnostic]) -> Vec<u8> {
    let page = "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
<title>minhbach: the site has errors</title></head><body>\
<p>The site could not be built yet. Fix the problems below and save; this page reloads by itself.</p>\
</body></html>\n";
    let at = insertion_point(page.as_bytes());
    [
        &page.as_bytes()[..at],
        &extra(generation, problems),
        &page.as_bytes()[at..],
    ]
    .concat()
}

/// What is pushed to open pages.
#[derive(Debug, Clone)]
pub enum Push {
    /// A build with this generation is being served.
    Build(u64),
    /// The latest rebuild failed; the overlay to show.
    Problems(Arc<str>),
}

impl Push {
    /// As one server-sent event; multi-line data becomes several `data:` lines.
    fn to_event(&self) -> String {
        let (name, data) = match self {
            Push::Build(g) => ("build", g.to_string()),
            Push::Problems(html) => ("problems", html.to_string()),
        };
        let mut ev = format!("event: {name}\n");
        for line in data.split('\n') {
            ev.push_str("data: ");
            ev.push_str(line);
            ev.push('\n');
        }
        ev.push('\n');
        ev
    }
}

/// The open event streams; a stream whose page went away is dropped at the next send.
#[derive(Default)]
pub struct Listeners {
    senders: Mutex<Vec<Sender<Push>>>,
}

impl Listeners {
    pub fn subscribe(&self) -> Receiver<Push> {
        let (tx, rx) = mpsc::channel();
        lock(&self.senders).push(tx);
        rx
    }

    pub fn send(&self, push: &Push) {
        lock(&self.senders).retain(|tx| tx.send(push.clone()).is_ok());
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    // A panicking holder cannot leave a Vec of senders half-updated; keep going.
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// The answer to a page that asks for the latest events without staying connected (a
/// poll, or a stream over the limit): `first`, then the connection closes and the browser
/// asks again after `retry`.
pub fn once(first: &[Push], retry: Duration) -> String {
    let mut out = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\n\
Connection: close\r\n\r\nretry: {}\n\n",
        retry.as_millis()
    );
    for p in first {
        out.push_str(&p.to_event());
    }
    out
}

/// Streams events to one page until it goes away. `first` is what the page needs to know
/// now (the current generation, the current problems), so a rebuild that finished between
/// serving the page and opening the stream is not missed.
pub fn stream(mut out: impl Write, first: &[Push], rx: &Receiver<Push>) {
    let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n\
Cache-Control: no-store\r\nConnection: close\r\nX-Accel-Buffering: no\r\n\r\nretry: 1000\n\n";
    if out.write_all(head.as_bytes()).is_err() {
        return;
    }
    for p in first {
        if out.write_all(p.to_event().as_bytes()).is_err() {
            return;
        }
    }
    loop {
        if out.flush().is_err() {
            return;
        }
        let text = match rx.recv_timeout(Duration::from_secs(15)) {
            Ok(p) => p.to_event(),
            // A comment line keeps proxies from timing out and finds closed pages.
            Err(RecvTimeoutError::Timeout) => ": ping\n\n".to_string(),
            Err(RecvTimeoutError::Disconnected) => return,
        };
        if out.write_all(text.as_bytes()).is_err() {
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Span;

    fn problem() -> Diagnostic {
        Diagnostic::error(
            crate::error::Code::UnknownReference,
            "content/a.vi.md",
            "unknown campaign \"x<y\"",
        )
        .at_in(Span::new(2, 11), "---\ncampaign: x<y\n")
    }

    fn inject(html: &[u8], generation: u64, problems: &[Diagnostic]) -> Vec<u8> {
        let at = insertion_point(html);
        [&html[..at], &extra(generation, problems), &html[at..]].concat()
    }

    #[test]
    fn script_goes_before_the_last_body_end_tag() {
        let page = b"<html><body><p>a</p></BODY></html>";
        let out = String::from_utf8(inject(page, 7, &[])).expect("utf-8");
        assert!(out.starts_with("<html><body><p>a</p><script>"), "{out}");
        assert!(out.ends_with("</script></BODY></html>"), "{out}");
        assert!(out.contains("G=\"7\""));
        assert!(!out.contains(&format!("id=\"{OVERLAY_ID}\"")));
        let bare = String::from_utf8(inject(b"<p>x</p>", 1, &[])).expect("utf-8");
        assert!(bare.starts_with("<p>x</p><script>"));
    }

    #[test]
    fn overlay_names_file_line_and_escapes_the_message() {
        let out = String::from_utf8(inject(b"<body></body>", 1, &[problem()])).expect("utf-8");
        assert!(out
            .contains("content/a.vi.md:2:11: error[MB0301]: unknown campaign &quot;x&lt;y&quot;"));
        assert!(out.contains("2 | campaign: x&lt;y"));
        let overlay_at = out.find(&format!("id=\"{OVERLAY_ID}\"")).expect("overlay");
        assert!(overlay_at < out.find("<script>").expect("script"));
    }

    #[test]
    fn the_overlay_shows_the_first_errors_and_counts_the_rest() {
        let many: Vec<Diagnostic> = (0..SHOWN + 300)
            .map(|i| {
                Diagnostic::error(
                    crate::error::Code::UnknownReference,
                    "content/a.vi.md",
                    format!("problem {i}"),
                )
            })
            .collect();
        let html = overlay(&many);
        assert_eq!(html.matches("<pre ").count(), SHOWN);
        assert!(html.contains(&format!("{} error(s) in the content", SHOWN + 300)));
        assert!(html.contains("… and 300 more error(s)"), "{html}");
    }

    #[test]
    fn a_poll_gets_the_latest_events_and_when_to_ask_again() {
        let answer = once(
            &[Push::Build(4), Push::Problems("<p>x</p>".into())],
            Duration::from_secs(2),
        );
        assert!(answer.starts_with("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n"));
        assert!(answer.ends_with(
            "\r\n\r\nretry: 2000\n\nevent: build\ndata: 4\n\nevent: problems\ndata: <p>x</p>\n\n"
        ));
    }

    #[test]
    fn multi_line_data_becomes_several_data_lines() {
        assert_eq!(
            Push::Problems("a\nb".into()).to_event(),
            "event: problems\ndata: a\ndata: b\n\n"
        );
        assert_eq!(Push::Build(3).to_event(), "event: build\ndata: 3\n\n");
    }

    #[test]
    fn closed_streams_are_dropped() {
        let l = Listeners::default();
        let rx = l.subscribe();
        drop(l.subscribe());
        l.send(&Push::Build(1));
        assert_eq!(lock(&l.senders).len(), 1);
        assert!(matches!(rx.try_recv(), Ok(Push::Build(1))));
    }
}
