//! Typst's timing spans (`--typst-trace FILE`): every compile after [`start_trace`] records
//! Typst's own scopes (evaluation, each function call, realisation, layout), and
//! [`write_trace`] writes them as a Chrome trace (chrome://tracing, Perfetto), each span named by
//! its template file and line. For finding where a template's compile time goes; off unless
//! asked, at no cost.

use std::io::Write;
use std::num::NonZeroU64;

use typst::syntax::Span;

use super::world::Assets;

/// Starts recording Typst's timing spans.
pub fn start_trace() {
    typst_timing::enable();
}

/// Writes what was recorded since [`start_trace`] to `out`.
pub fn write_trace(assets: &Assets, out: impl Write) -> Result<(), String> {
    typst_timing::export_json(out, |raw: NonZeroU64| {
        let span = Span::from_raw(raw);
        span.id()
            .and_then(|id| {
                let offset = assets.span_offset(id, span)?;
                let (file, line, _) = assets.position(id, offset)?;
                Some((file, u32::try_from(line).unwrap_or(u32::MAX)))
            })
            .unwrap_or_else(|| ("?".to_owned(), 0))
    })
}
