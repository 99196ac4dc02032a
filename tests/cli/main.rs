//! The command line as a person uses it: render, check, packets, page images, PDF/A, watch,
//! own templates, starters and schema, bad input.

#[path = "../common/mod.rs"]
mod common;

mod bad_inputs;
mod cli;
mod docs;
mod japanese;
mod packet;
mod review;
mod samples;
mod starter;
mod structure;
