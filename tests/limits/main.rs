//! Field limits are the forms' real capacity: every field at its limit still fits each
//! fixed-layout form on its page, and one character more is an error.

#[path = "../common/mod.rs"]
mod common;

mod at_limits;
mod fields;
mod shizuoka;
