//! What a program (and phase) asks an applicant to write, for `yoshiki init --program`: the
//! forms of its required documents, the keys that name the program, and the documents to
//! attach. Everything comes from the program data's document lists.

use crate::forms::{self, Form};
use crate::model::{NedoProgram, Phase};
use crate::program::{DocumentSpec, Need, Programs};

/// A starter's shape for one program and phase.
#[derive(Debug, Clone)]
pub struct Profile {
    /// `shizuoka`, `nedo-dtsu-sts`.
    pub name: String,
    /// `静岡県 令和5年度 2次募集`, `NEDO DTSU STS フェーズ`.
    pub title: String,
    /// The forms of its required documents, in the guide's order.
    pub forms: Vec<&'static Form>,
    /// Keys the starter writes with their value (not a placeholder): `program = "DTSU"`.
    pub fixed: Vec<(&'static str, String)>,
    /// A note above a form's section: the document another can stand in for.
    pub notes: Vec<(&'static str, String)>,
    /// The documents to attach, required first.
    pub attachments: Vec<Wanted>,
}

/// A document the starter lists under `[[attachments]]`.
#[derive(Debug, Clone)]
pub struct Wanted {
    pub id: String,
    pub label: String,
    pub source: String,
    /// Required (an active entry), or conditional (a commented one).
    pub required: bool,
    /// When it is needed, or when not, as the guide words it; or what the scan is.
    pub note: Option<String>,
}

/// Every profile the program data makes: 静岡県's newest call, and each NEDO program and phase.
pub fn profiles(programs: &Programs) -> Vec<Profile> {
    let mut profiles = Vec::new();
    if let Some(call) = programs
        .shizuoka
        .calls
        .iter()
        .max_by_key(|c| c.submission_start)
    {
        let mut profile = profile(
            "shizuoka".to_owned(),
            format!("静岡県 {}", call.name),
            &call.documents,
            None,
        );
        profile.fixed.push(("call", call.id.clone()));
        profiles.push(profile);
    }
    for program in [NedoProgram::Dtsu, NedoProgram::Gx] {
        for phase in [Phase::Sts, Phase::Pca, Phase::Dmp] {
            let mut profile = profile(
                format!(
                    "nedo-{}-{}",
                    program.code().to_lowercase(),
                    phase.code().to_lowercase()
                ),
                format!("NEDO {} {} フェーズ", program.code(), phase.code()),
                &programs.nedo.documents,
                Some((program, phase)),
            );
            profile.fixed.push(("program", program.code().to_owned()));
            profile.fixed.push(("phase", phase.code().to_owned()));
            profiles.push(profile);
        }
    }
    profiles
}

fn profile(
    name: String,
    title: String,
    specs: &[DocumentSpec],
    nedo: Option<(NedoProgram, Phase)>,
) -> Profile {
    let mut profile = Profile {
        name,
        title,
        forms: Vec::new(),
        fixed: Vec::new(),
        notes: Vec::new(),
        attachments: Vec::new(),
    };
    let mut conditional = Vec::new();
    for spec in specs {
        let Some(rule) = spec.rule(nedo) else {
            continue;
        };
        let form = spec.form.as_deref().and_then(forms::find);
        // A document needed only with another one is required when the starter writes that.
        let with_written = rule.with.as_deref().is_none_or(|with| {
            specs
                .iter()
                .any(|s| s.id == with && written_form(s, nedo).is_some())
        });
        let required = rule.need == Need::Required && with_written;
        match form {
            Some(form) if required => {
                profile.forms.push(form);
                if let Some(other) = rule.either.as_deref().and_then(|id| label_of(specs, id)) {
                    profile.notes.push((
                        form.section,
                        format!("{other}とどちらか一方（使わない方の表は消す）"),
                    ));
                }
                if rule.signed {
                    profile.attachments.push(Wanted {
                        id: spec.id.clone(),
                        label: spec.label.clone(),
                        source: spec.source.clone(),
                        required: true,
                        note: Some("印刷して署名・押印したもののスキャン".to_owned()),
                    });
                }
            }
            Some(_) => {}
            None => {
                let wanted = Wanted {
                    id: spec.id.clone(),
                    label: spec.label.clone(),
                    source: spec.source.clone(),
                    required,
                    note: rule.unless.clone().or_else(|| rule.condition.clone()),
                };
                if required {
                    profile.attachments.push(wanted);
                } else if rule.need != Need::Optional {
                    conditional.push(wanted);
                }
            }
        }
    }
    profile.attachments.extend(conditional);
    profile
}

/// The form the starter writes for a document: its form, when the document is required.
fn written_form(spec: &DocumentSpec, nedo: Option<(NedoProgram, Phase)>) -> Option<&'static Form> {
    let rule = spec.rule(nedo)?;
    (rule.need == Need::Required && rule.with.is_none())
        .then(|| spec.form.as_deref().and_then(forms::find))
        .flatten()
}

fn label_of<'a>(specs: &'a [DocumentSpec], id: &str) -> Option<&'a str> {
    specs.iter().find(|s| s.id == id).map(|s| s.label.as_str())
}
