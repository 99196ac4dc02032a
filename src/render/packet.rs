//! What goes into each program's packet (`render --packet`), in the guide's order: for every
//! document of the program's checklist, the attachments that are it, else the forms yoshiki
//! made of it. A form no package lists (the 質問書, sent apart; the 事業化状況報告書, filed after
//! the project) stays a file of its own.

use crate::forms::{Document, Program};
use crate::package::Package;
use crate::prepare::Prepared;

/// One part of a packet, in order.
#[derive(Debug, Clone, Copy)]
pub(super) enum Item<'a> {
    /// A document yoshiki made.
    Form(&'a Document),
    /// An attachment (`Package::attachments` position) and its outline entry.
    Attachment(usize, &'a str),
}

/// One program's packet.
#[derive(Debug)]
pub(super) struct Plan<'a> {
    pub(super) program: Program,
    pub(super) items: Vec<Item<'a>>,
}

impl Program {
    /// How a packet's file name names the program.
    pub(super) fn short(self) -> &'static str {
        match self {
            Program::Nedo => "NEDO",
            Program::Shizuoka => "静岡県",
        }
    }
}

/// The packets of an applicant, and the documents that go in none of them.
pub(super) fn plans<'a>(
    prepared: &'a Prepared,
    package: &'a Package,
) -> (Vec<Plan<'a>>, Vec<&'a Document>) {
    let mut placed: Vec<&Document> = Vec::new();
    let mut replaced = Vec::new();
    let mut plans = Vec::new();
    for checklist in &package.checklists {
        let mut items = Vec::new();
        for entry in &checklist.documents {
            let attached: Vec<usize> = package
                .attachments
                .iter()
                .enumerate()
                .filter(|(_, a)| entry.attached.contains(&a.index))
                .map(|(i, _)| i)
                .collect();
            let made = prepared
                .documents
                .iter()
                .filter(|d| entry.form.is_some_and(|f| f == d.form));
            if attached.is_empty() {
                for document in made {
                    placed.push(document);
                    items.push(Item::Form(document));
                }
            } else {
                // An attachment of a form's document (a signed 誓約書) takes its place.
                replaced.extend(made);
                items.extend(
                    attached
                        .into_iter()
                        .map(|i| Item::Attachment(i, entry.label.as_str())),
                );
            }
        }
        if !items.is_empty() {
            plans.push(Plan {
                program: checklist.program,
                items,
            });
        }
    }
    let alone = prepared
        .documents
        .iter()
        .filter(|d| !placed.iter().any(|p| std::ptr::eq(*p, *d)))
        .filter(|d| !replaced.iter().any(|r: &&Document| std::ptr::eq(*r, *d)))
        .collect();
    (plans, alone)
}
