//! yoshiki: applicant data in TOML → print-ready PDFs of Japanese grant application forms.
//!
//! The pipeline, one module a step: [`load`](prepare()) (text → typed data, located errors) →
//! [`forms`] (each form's checks and computed values) → [`typeset`] (Typst, embedded) →
//! [`render`](render()) (the files a person receives) → [`output`] (safe names, atomic writes).
//! [`render_applicant`] runs them for one applicant; [`batch`] for many. Everything runs in a
//! [`Context`] (fonts, templates, program definitions) built once and passed down.

pub mod batch;
mod context;
pub mod diag;
mod figures;
pub mod files;
pub mod forms;
pub mod keypath;
pub mod limits;
mod load;
mod model;
pub mod output;
pub mod package;
mod pipeline;
mod prepare;
mod program;
mod render;
mod schema;
pub mod sheets;
pub mod starter;
mod text;
pub mod typeset;
mod values;
mod wareki;

pub use context::Context;
pub use pipeline::{Checked, Outcome, Request, check_applicant, render_applicant};
pub use prepare::{Prepared, prepare};
pub use program::{Programs, SOURCES as PROGRAM_SOURCES};
pub use render::{Delivery, Format, OutputFile, PACKET_TITLE, Rendered, render};
pub use schema::schema;
