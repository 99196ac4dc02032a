//! What every applicant is checked and typeset with: the fonts and templates, and the program
//! definitions. Built once (per batch, per render; again by `watch` when a folder it watches
//! changes) and passed down, never held in a global.

use std::path::Path;

use crate::program::Programs;
use crate::typeset::Assets;

pub struct Context {
    pub assets: Assets,
    pub programs: Programs,
}

impl Context {
    /// The embedded templates and program definitions.
    pub fn embedded() -> Self {
        Self {
            assets: Assets::embedded(),
            programs: Programs::embedded(),
        }
    }

    /// The embedded ones, with a user's templates folder (`--templates`) and program
    /// definitions folder (`--programs`) in their place where given.
    pub fn with_dirs(templates: Option<&Path>, programs: Option<&Path>) -> Result<Self, String> {
        Ok(Self {
            assets: match templates {
                Some(dir) => Assets::with_templates_dir(dir)?,
                None => Assets::embedded(),
            },
            programs: match programs {
                Some(dir) => Programs::from_dir(dir)?,
                None => Programs::embedded(),
            },
        })
    }

    /// Changes whenever yoshiki, a template or a program definition in use changes: what
    /// `batch --skip-unchanged` compares.
    pub fn fingerprint(&self) -> u128 {
        typst::utils::hash128(&(
            env!("CARGO_PKG_VERSION"),
            self.assets.fingerprint(),
            self.programs.fingerprint(),
        ))
    }
}
