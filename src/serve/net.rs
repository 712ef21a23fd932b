//! Serve, sockets: a small HTTP/1.1 server on `std::net`, bounded by construction. One
//! request per connection (`Connection: close`), no request bodies (the preview only reads).
//!
//! It replaces tiny_http, which has no read or write timeouts, starts a thread per waiting
//! connection without a limit and reads request headers of any size: four clients that
//! stopped reading a large file held its four workers forever, and every other request
//! waited. Here every resource has a limit, and what a limit drops is counted and said on
//! the terminal ([`Tally`]):
//! - at most [`MAX_CONNECTIONS`] connections are served at once, each by a worker of a pool
//!   that grows to that size and shrinks when idle; more are answered 503 and closed;
//! - the request line and headers must arrive within [`HEAD_TIMEOUT`] and fit in
//!   [`MAX_HEAD`] bytes (else 408 or 431);
//! - responses go out in chunks of [`CHUNK`] bytes straight from the built site, each
//!   within [`WRITE_TIMEOUT`], the whole at [`MIN_RATE`] or better: a client that stops
//!   reading, or trickles, is dropped and frees its worker.

use std::collections::VecDeque;
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::time::{Duration, Instant};

/// Connections served at once, live-reload streams included.
pub const MAX_CONNECTIONS: usize = 64;
/// Bytes of request line and headers; browsers send under 2 KB.
pub const MAX_HEAD: usize = 16 * 1024;
/// Time a client has to send its whole request line and headers.
pub const HEAD_TIMEOUT: Duration = Duration::from_secs(10);
/// Longest wait for a client to take the next chunk of a response.
pub const WRITE_TIMEOUT: Duration = Duration::from_secs(10);
/// Slowest rate a response may go out at overall, after a first [`WRITE_TIMEOUT`]:
/// bytes per second. On this computer's network a page takes milliseconds.
pub const MIN_RATE: u64 = 64 * 1024;
/// Bytes written at a time.
pub const CHUNK: usize = 64 * 1024;
/// An idle worker thread ends after this long.
const IDLE: Duration = Duration::from_secs(30);

/// What the limits dropped, counted and printed at most once a second.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dropped {
    /// A connection over [`MAX_CONNECTIONS`]: answered 503.
    Busy,
    /// A live-reload stream over the stream limit: told to retry later.
    Stream,
    /// Request headers over [`MAX_HEAD`]: answered 431.
    HeadTooLarge,
    /// No whole request within [`HEAD_TIMEOUT`]: answered 408.
    HeadTimeout,
    /// A client that stopped reading or read too slowly: dropped mid-response.
    SlowReader,
    /// A request for a host name the preview does not answer to: answered 403.
    Host,
}

const KINDS: [Dropped; 6] = [
    Dropped::Busy,
    Dropped::Stream,
    Dropped::HeadTooLarge,
    Dropped::HeadTimeout,
    Dropped::SlowReader,
    Dropped::Host,
];

impl Dropped {
    fn index(self) -> usize {
        KINDS
            .iter()
            .position(|k| *k == self)
            .expect("KINDS lists every kind")
    }
}

/// Counts of what the limits dropped since they were last printed, and the last detail
/// (a host name) of each kind.
#[derive(Default)]
pub struct Tally {
    counts: [AtomicUsize; KINDS.len()],
    details: Mutex<[Option<String>; KINDS.len()]>,
}

impl Tally {
    pub fn note(&self, kind: Dropped) {
        self.counts[kind.index()].fetch_add(1, Ordering::Relaxed);
    }

    /// Counts one and remembers `detail` (shown escaped) for the report.
    pub fn note_with(&self, kind: Dropped, detail: &str) {
        lock(&self.details)[kind.index()] = Some(detail.chars().take(100).collect());
        self.note(kind);
    }

    /// The lines to print for what was dropped since the last call.
    pub fn take(&self, streams: usize) -> Vec<String> {
        let mut details = lock(&self.details);
        KINDS
            .iter()
            .filter_map(|&kind| {
                let n = self.counts[kind.index()].swap(0, Ordering::Relaxed);
                (n > 0).then(|| describe(kind, n, streams, details[kind.index()].take()))
            })
            .collect()
    }

    /// Prints what the limits dropped, once a second, for as long as the preview runs.
    pub fn report_every_second(self: Arc<Self>, streams: usize) {
        std::thread::spawn(move || loop {
            std::thread::sleep(Duration::from_secs(1));
            for line in self.take(streams) {
                eprintln!("preview: {line}");
            }
        });
    }
}

/// `refused 3 connection(s): limit 64 open at once…`
fn describe(kind: Dropped, n: usize, streams: usize, detail: Option<String>) -> String {
    match kind {
        Dropped::Busy => format!(
            "refused {n} connection(s) with 503: limit {MAX_CONNECTIONS} open at once (browsers retry)"
        ),
        Dropped::Stream => format!(
            "told {n} live-reload connection(s) to come back in 10 s: limit {streams} open at once; those pages still load, and reload a little later"
        ),
        Dropped::HeadTooLarge => format!(
            "refused {n} request(s) with 431: request headers over {} KB",
            MAX_HEAD / 1024
        ),
        Dropped::HeadTimeout => format!(
            "closed {n} connection(s) that sent no whole request within {} s",
            HEAD_TIMEOUT.as_secs()
        ),
        Dropped::SlowReader => format!(
            "dropped {n} client(s) that stopped reading: a response must go out at {} KB/s, each part within {} s",
            MIN_RATE / 1024,
            WRITE_TIMEOUT.as_secs()
        ),
        Dropped::Host => {
            let host = crate::error::escape_controls(detail.as_deref().unwrap_or("")).into_owned();
            format!(
                "refused {n} request(s) with 403 for the host name \"{host}\", which could be another web site's (DNS rebinding); if you opened the preview under this name, restart it with --allowed-host {host}"
            )
        }
    }
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    // Every holder leaves the data whole; keep going after a panic elsewhere.
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

// ---------------------------------------------------------------------------------------
// The pool

type Handler = dyn Fn(TcpStream) + Send + Sync;

/// Worker threads, at most [`MAX_CONNECTIONS`], started when all are busy and ended when
/// idle for a while.
struct Pool {
    state: Mutex<PoolState>,
    wake: Condvar,
    handler: Arc<Handler>,
}

#[derive(Default)]
struct PoolState {
    queue: VecDeque<TcpStream>,
    idle: usize,
    threads: usize,
}

impl Pool {
    /// Hands a connection to an idle worker or a new one; gives it back when
    /// [`MAX_CONNECTIONS`] are being served.
    fn submit(self: &Arc<Self>, conn: TcpStream) -> Result<(), TcpStream> {
        let mut s = lock(&self.state);
        if s.idle > s.queue.len() {
            s.queue.push_back(conn);
            self.wake.notify_one();
            return Ok(());
        }
        if s.threads >= MAX_CONNECTIONS {
            return Err(conn);
        }
        s.threads += 1;
        drop(s);
        let pool = Arc::clone(self);
        let started = std::thread::Builder::new()
            .name("preview".into())
            .stack_size(256 * 1024)
            .spawn(move || pool.work(conn));
        if started.is_err() {
            // The connection went with the closure that did not run, and is closed.
            lock(&self.state).threads -= 1;
        }
        Ok(())
    }

    fn work(&self, mut conn: TcpStream) {
        loop {
            (self.handler)(conn);
            let mut s = lock(&self.state);
            s.idle += 1;
            conn = loop {
                if let Some(next) = s.queue.pop_front() {
                    s.idle -= 1;
                    break next;
                }
                let (guard, wait) = self
                    .wake
                    .wait_timeout(s, IDLE)
                    .unwrap_or_else(std::sync::PoisonError::into_inner);
                s = guard;
                if wait.timed_out() && s.queue.is_empty() {
                    s.idle -= 1;
                    s.threads -= 1;
                    return;
                }
            };
        }
    }
}

/// Accepts connections for ever and hands each to `handler` on a worker of the pool; a
/// connection over the limit is answered 503 here and closed.
pub fn serve(listener: TcpListener, tally: Arc<Tally>, handler: Arc<Handler>) {
    let pool = Arc::new(Pool {
        state: Mutex::new(PoolState::default()),
        wake: Condvar::new(),
        handler,
    });
    for conn in listener.incoming() {
        let Ok(conn) = conn else {
            // Out of file descriptors or the like: wait a little rather than spin.
            std::thread::sleep(Duration::from_millis(50));
            continue;
        };
        if let Err(mut conn) = pool.submit(conn) {
            tally.note(Dropped::Busy);
            let body = "The preview is busy; reload in a moment.\n";
            let reply = format!(
                "HTTP/1.1 503 Service Unavailable\r\nRetry-After: 1\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                body.len()
            );
            // A new socket's send buffer is empty: this does not wait on the client.
            let _ = conn.set_write_timeout(Some(Duration::from_millis(200)));
            let _ = conn.write_all(reply.as_bytes());
            let _ = conn.shutdown(std::net::Shutdown::Write);
        }
    }
}

// ---------------------------------------------------------------------------------------
// Reading and writing

/// Why no request head was read.
#[derive(Debug, PartialEq, Eq)]
pub enum HeadError {
    /// Over [`MAX_HEAD`] bytes.
    TooLarge,
    /// Not whole within [`HEAD_TIMEOUT`].
    TimedOut,
    /// The client closed the connection or it failed.
    Closed,
}

/// Reads the request line and headers (up to the empty line) within [`HEAD_TIMEOUT`];
/// also returns the bytes read after them (the start of a body).
pub fn read_head(conn: &mut TcpStream) -> Result<(Vec<u8>, Vec<u8>), HeadError> {
    let deadline = Instant::now() + HEAD_TIMEOUT;
    let mut head = Vec::with_capacity(1024);
    let mut buf = [0u8; 2048];
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() || conn.set_read_timeout(Some(left)).is_err() {
            return Err(HeadError::TimedOut);
        }
        let n = match conn.read(&mut buf) {
            Ok(0) => return Err(HeadError::Closed),
            Ok(n) => n,
            Err(e) if is_timeout(&e) => return Err(HeadError::TimedOut),
            Err(_) => return Err(HeadError::Closed),
        };
        // Look for the end only where it can be: from three bytes before the new ones.
        let from = head.len().saturating_sub(3);
        head.extend_from_slice(&buf[..n]);
        if let Some(end) = find_end(&head[from..]) {
            let rest = head.split_off(from + end);
            return Ok((head, rest));
        }
        if head.len() > MAX_HEAD {
            return Err(HeadError::TooLarge);
        }
    }
}

/// Time a client has to send a request body, on top of [`HEAD_TIMEOUT`] per 1 MB.
pub const BODY_TIMEOUT: Duration = Duration::from_secs(30);

/// Reads a request body of `len` bytes (its first bytes in `start`), within
/// [`BODY_TIMEOUT`] plus [`HEAD_TIMEOUT`] for each megabyte. The caller has checked `len`
/// against its limit.
pub fn read_body(conn: &mut TcpStream, mut start: Vec<u8>, len: usize) -> std::io::Result<Vec<u8>> {
    let deadline =
        Instant::now() + BODY_TIMEOUT + HEAD_TIMEOUT * u32::try_from(len >> 20).unwrap_or(1000);
    start.truncate(len);
    let mut body = start;
    body.reserve(len - body.len());
    let mut buf = [0u8; 16 * 1024];
    while body.len() < len {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(std::io::ErrorKind::TimedOut.into());
        }
        conn.set_read_timeout(Some(left))?;
        let want = (len - body.len()).min(buf.len());
        match conn.read(&mut buf[..want])? {
            0 => return Err(std::io::ErrorKind::UnexpectedEof.into()),
            n => body.extend_from_slice(&buf[..n]),
        }
    }
    Ok(body)
}

/// The length up to and including the empty line that ends a request head, if there is one.
fn find_end(bytes: &[u8]) -> Option<usize> {
    memchr::memmem::find(bytes, b"\r\n\r\n")
        .map(|i| i + 4)
        .or_else(|| memchr::memmem::find(bytes, b"\n\n").map(|i| i + 2))
}

fn is_timeout(e: &std::io::Error) -> bool {
    matches!(
        e.kind(),
        std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
    )
}

/// Ends a connection whose request was not read to its end, after the answer: reading what
/// the client still sends (for half a second at most) keeps the system from resetting the
/// connection, which could discard the answer before the client reads it. Bounded by
/// time, not by bytes: an upload over the limit (megabytes, refused with 413 before its
/// body is read) is still being sent when the answer goes, and on loopback the rest of it
/// arrives in milliseconds; stopping after a fixed number of bytes reset the connection
/// under the sender, who then saw a broken connection instead of the 413.
pub fn close_gently(conn: &mut TcpStream) {
    let _ = conn.shutdown(std::net::Shutdown::Write);
    let deadline = Instant::now() + Duration::from_millis(500);
    let mut buf = [0u8; 64 * 1024];
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() || conn.set_read_timeout(Some(left)).is_err() {
            return;
        }
        match conn.read(&mut buf) {
            Ok(0) | Err(_) => return,
            Ok(_) => {}
        }
    }
}

/// Writes `parts` one after another in chunks: each chunk within [`WRITE_TIMEOUT`], all of
/// them at [`MIN_RATE`] or better after a first [`WRITE_TIMEOUT`]. `Err` when the client
/// is too slow (counted) or gone.
pub fn write_parts(conn: &mut TcpStream, parts: &[&[u8]], tally: &Tally) -> std::io::Result<()> {
    let total: usize = parts.iter().map(|p| p.len()).sum();
    let budget = WRITE_TIMEOUT + Duration::from_secs(total as u64 / MIN_RATE);
    let deadline = Instant::now() + budget;
    for part in parts {
        for chunk in part.chunks(CHUNK) {
            let left = deadline.saturating_duration_since(Instant::now());
            let result = if left.is_zero() {
                Err(std::io::ErrorKind::TimedOut.into())
            } else {
                conn.set_write_timeout(Some(left.min(WRITE_TIMEOUT)))
                    .and_then(|()| conn.write_all(chunk))
            };
            if let Err(e) = result {
                if is_timeout(&e) {
                    tally.note(Dropped::SlowReader);
                }
                return Err(e);
            }
        }
    }
    conn.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_head_ends_at_its_empty_line() {
        assert_eq!(find_end(b"GET / HTTP/1.1\r\nHost: a\r\n\r\nrest"), Some(27));
        assert_eq!(find_end(b"GET / HTTP/1.0\n\n"), Some(16));
        assert_eq!(find_end(b"GET / HTTP/1.1\r\nHost: a\r\n"), None);
    }

    #[test]
    fn every_limit_says_what_it_dropped() {
        let tally = Tally::default();
        tally.note(Dropped::Busy);
        tally.note(Dropped::Busy);
        tally.note_with(Dropped::Host, "evil.example\u{1b}[2J");
        let lines = tally.take(16);
        assert_eq!(lines.len(), 2, "{lines:?}");
        assert!(lines[0].starts_with("refused 2 connection(s) with 503: limit 64"));
        assert!(
            lines[1].contains("\"evil.example\\u{1b}[2J\""),
            "{}",
            lines[1]
        );
        assert!(lines[1].contains("--allowed-host"), "{}", lines[1]);
        assert!(tally.take(16).is_empty(), "counted once");
    }
}
