//! The Typst `World` yoshiki compiles in: embedded fonts and templates, one data file, a fixed
//! date. Nothing else is readable: no system fonts, no file system, no packages, no clock.

use std::collections::HashMap;
use std::path::Path;

use chrono::{Datelike, NaiveDate};
use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime, Duration};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};

use crate::forms;

/// The fonts, embedded so that a render is the same on every machine.
const FONT_FILES: &[&[u8]] = &[
    include_bytes!("../../fonts/BIZUDMincho-Regular.ttf"),
    include_bytes!("../../fonts/BIZUDGothic-Regular.ttf"),
    include_bytes!("../../fonts/BIZUDGothic-Bold.ttf"),
];

/// The templates every form's template imports.
const SHARED: &[(&str, &str)] = &[
    ("style.typ", include_str!("../../templates/style.typ")),
    // An attached PDF's pages, or a scan, as pages of a packet.
    (
        "attachment.typ",
        include_str!("../../templates/attachment.typ"),
    ),
];

/// Where an attachment's bytes are served while its pages are typeset, by its kind: fixed ids
/// (file ids are interned for the life of the process), the extension telling Typst the format.
pub(super) const ATTACHMENT_PATHS: [&str; 3] =
    ["/attachment.pdf", "/attachment.png", "/attachment.jpg"];

/// The templates folder, embedded: (path below `templates/`, text) of the shared templates and
/// every form's (`yoshiki export templates` writes these).
pub fn embedded_templates() -> Vec<(&'static str, &'static str)> {
    SHARED
        .iter()
        .copied()
        .chain(
            forms::FORMS
                .iter()
                .flat_map(|f| std::iter::once(&f.template).chain(f.parts))
                .map(|t| (t.path, t.text)),
        )
        .collect()
}

/// The family of the body font, which every character of the data must be printable in.
const BODY_FAMILY: &str = "BIZ UDMincho";

/// Where a document's data is served. One fixed id for every document: file ids are interned
/// for the life of the process, and a fixed id lets Typst reuse its cached work.
pub(super) const DATA_PATH: &str = "/data.json";

/// Everything that is the same for every document: built once per process, shared by all.
pub struct Assets {
    library: LazyHash<Library>,
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
    sources: HashMap<FileId, Source>,
    data_id: FileId,
    attachment_ids: [FileId; 3],
    /// The code points the body font (BIZ UD明朝) prints, one bit each: every text value of
    /// every applicant is checked against it, and Typst's own coverage lookup is a linear scan
    /// (measured: 4% of a batch).
    printable: Vec<u64>,
    /// A hash of every template's path and text: it changes when a template does.
    fingerprint: u128,
}

impl Assets {
    /// Where a span starts in a template (a byte offset), for traces.
    pub(super) fn span_offset(&self, id: FileId, span: typst::syntax::Span) -> Option<usize> {
        Some(self.sources.get(&id)?.find(span)?.offset())
    }

    /// Line and column (1-based) of a byte offset in a template.
    pub(super) fn position(&self, id: FileId, offset: usize) -> Option<(String, usize, usize)> {
        let source = self.sources.get(&id)?;
        let (line, column) = source.lines().byte_to_line_column(offset)?;
        Some((id.vpath().get_with_slash().to_owned(), line + 1, column + 1))
    }

    /// The embedded fonts and templates.
    pub fn embedded() -> Self {
        Self::build(Vec::new())
    }

    /// The embedded assets with the templates of `dir` (every `*.typ` below it, by its path
    /// relative to `dir`) in place of or beside the embedded ones. Nothing else in the folder,
    /// and nothing outside it, is readable by a template.
    pub fn with_templates_dir(dir: &Path) -> Result<Self, String> {
        let mut files = Vec::new();
        collect_templates(dir, dir, &mut files).map_err(|e| {
            format!(
                "テンプレートのフォルダ {} を読めません: {}",
                dir.display(),
                crate::files::describe(&e)
            )
        })?;
        if files.is_empty() {
            return Err(format!("{} に .typ ファイルがありません", dir.display()));
        }
        Ok(Self::build(files))
    }

    /// `user`: (path below the templates folder, text) that replace or add to the embedded ones.
    fn build(user: Vec<(String, String)>) -> Self {
        let fonts: Vec<Font> = FONT_FILES
            .iter()
            .flat_map(|data| Font::iter(Bytes::new(*data)))
            .collect();
        let book = FontBook::from_fonts(&fonts);
        let mut sources: HashMap<FileId, Source> = embedded_templates()
            .into_iter()
            .map(|(path, text)| {
                let id = file_id(&format!("/{path}"));
                (id, Source::new(id, text.to_owned()))
            })
            .collect();
        for (path, text) in user {
            if let Some(id) = try_file_id(&format!("/{path}")) {
                sources.insert(id, Source::new(id, text));
            }
        }
        let mut texts: Vec<(String, &str)> = sources
            .values()
            .map(|s| (s.id().vpath().get_with_slash().to_owned(), s.text()))
            .collect();
        texts.sort();
        let fingerprint = typst::utils::hash128(&texts);
        let mut printable = vec![0u64; (u32::from(char::MAX) as usize + 1).div_ceil(64)];
        if let Some(body) = fonts.iter().find(|f| f.info().family == BODY_FAMILY) {
            for c in body.info().coverage.iter() {
                if let Some(word) = printable.get_mut(c as usize / 64) {
                    *word |= 1 << (c % 64);
                }
            }
        }
        Self {
            library: LazyHash::new(Library::builder().build()),
            book: LazyHash::new(book),
            fonts,
            sources,
            data_id: file_id(DATA_PATH),
            attachment_ids: ATTACHMENT_PATHS.map(file_id),
            printable,
            fingerprint,
        }
    }

    /// Changes whenever a template in use changes.
    pub fn fingerprint(&self) -> u128 {
        self.fingerprint
    }

    /// The file id of a template, `None` when there is no such template.
    pub fn template(&self, path: &str) -> Option<FileId> {
        let id = file_id(&format!("/{path}"));
        self.sources.contains_key(&id).then_some(id)
    }

    /// Characters of `text` that the body font (BIZ UD明朝) cannot print.
    pub fn missing_glyphs(&self, text: &str) -> Vec<char> {
        let printable = |c: char| {
            let c = u32::from(c) as usize;
            self.printable
                .get(c / 64)
                .is_some_and(|word| word & (1 << (c % 64)) != 0)
        };
        let mut missing: Vec<char> = text
            .chars()
            .filter(|c| !c.is_control() && !printable(*c))
            .collect();
        missing.dedup();
        missing
    }
}

/// Every `*.typ` below `dir`, as (path relative to `root` with `/`, text).
fn collect_templates(
    root: &Path,
    dir: &Path,
    out: &mut Vec<(String, String)>,
) -> std::io::Result<()> {
    let mut entries: Vec<_> = std::fs::read_dir(dir)?.collect::<Result<_, _>>()?;
    entries.sort_by_key(|e| e.path());
    for entry in entries {
        let path = entry.path();
        if entry.file_type()?.is_dir() {
            collect_templates(root, &path, out)?;
        } else if path.extension().is_some_and(|e| e == "typ") {
            let relative = path.strip_prefix(root).unwrap_or(&path);
            let relative: Vec<String> = relative
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            out.push((relative.join("/"), std::fs::read_to_string(&path)?));
        }
    }
    Ok(())
}

fn try_file_id(path: &str) -> Option<FileId> {
    Some(RootedPath::new(VirtualRoot::Project, VirtualPath::new(path).ok()?).intern())
}

fn file_id(path: &str) -> FileId {
    // Template paths are fixed strings of ours; a bad one is a bug caught by every test.
    let vpath = VirtualPath::new(path).expect("valid template path");
    RootedPath::new(VirtualRoot::Project, vpath).intern()
}

/// The world of one document: the shared assets plus this document's data and date.
pub(super) struct DocumentWorld<'a> {
    assets: &'a Assets,
    main: FileId,
    data: Bytes,
    today: Option<Datetime>,
    /// An attachment's bytes and the path they are served at (one of [`ATTACHMENT_PATHS`]).
    attachment: Option<(&'static str, Bytes)>,
}

impl<'a> DocumentWorld<'a> {
    pub(super) fn new(
        assets: &'a Assets,
        main: FileId,
        data: Vec<u8>,
        today: Option<NaiveDate>,
    ) -> Self {
        Self {
            assets,
            main,
            data: Bytes::new(data),
            today: today.and_then(typst_date),
            attachment: None,
        }
    }

    /// The same world, also serving an attachment's bytes at `path`.
    pub(super) fn with_attachment(mut self, path: &'static str, bytes: Bytes) -> Self {
        self.attachment = Some((path, bytes));
        self
    }

    /// Line and column (1-based) of a byte offset in a template, for our own bug reports.
    pub(super) fn template_position(
        &self,
        id: FileId,
        offset: usize,
    ) -> Option<(String, usize, usize)> {
        self.assets.position(id, offset)
    }
}

impl World for DocumentWorld<'_> {
    fn library(&self) -> &LazyHash<Library> {
        &self.assets.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &self.assets.book
    }

    fn main(&self) -> FileId {
        self.main
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        // Cached clones, never re-parsed: re-parsing would defeat Typst's memoisation.
        match self.assets.sources.get(&id) {
            Some(source) => Ok(source.clone()),
            None => Err(refuse(id)),
        }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == self.assets.data_id {
            return Ok(self.data.clone());
        }
        if let Some((path, bytes)) = &self.attachment
            && self.assets.attachment_ids.contains(&id)
            && id == file_id(path)
        {
            return Ok(bytes.clone());
        }
        match self.assets.sources.get(&id) {
            Some(source) => Ok(Bytes::from_string(source.clone())),
            None => Err(refuse(id)),
        }
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.assets.fonts.get(index).cloned()
    }

    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        self.today
    }
}

/// The date as Typst holds it; `None` for a year Typst cannot represent.
pub(super) fn typst_date(date: NaiveDate) -> Option<Datetime> {
    let month = u8::try_from(date.month()).ok()?;
    let day = u8::try_from(date.day()).ok()?;
    Datetime::from_ymd(date.year(), month, day)
}

/// Anything outside the embedded templates and the data file does not exist for a template.
fn refuse(id: FileId) -> FileError {
    match id.root() {
        VirtualRoot::Package(_) => FileError::AccessDenied,
        VirtualRoot::Project => FileError::NotFound(id.vpath().get_without_slash().into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fonts_are_the_three_embedded_faces() {
        let assets = Assets::embedded();
        let families: Vec<&str> = assets
            .fonts
            .iter()
            .map(|f| f.info().family.as_str())
            .collect();
        assert_eq!(families, ["BIZ UDMincho", "BIZ UDGothic", "BIZ UDGothic"]);
    }

    /// The embedded fonts are dehinted (fonts/README.md): hinting would be 22% of every PDF's
    /// font bytes, and deflating them again for every document a tenth of a batch's time.
    #[test]
    fn fonts_carry_no_hinting() {
        for data in FONT_FILES {
            // The sfnt table directory: the number of tables at 4, then 16-byte records from 12,
            // each starting with its tag.
            let tables = usize::from(u16::from_be_bytes([data[4], data[5]]));
            let tags: Vec<&[u8]> = (0..tables)
                .map(|i| &data[12 + 16 * i..12 + 16 * i + 4])
                .collect();
            assert!(tags.contains(&&b"glyf"[..]), "{tags:?}");
            for hinting in [b"fpgm", b"prep", b"cvt "] {
                assert!(
                    !tags.contains(&&hinting[..]),
                    "a font has {}: run fonts/dehint.py",
                    String::from_utf8_lossy(hinting)
                );
            }
        }
    }

    #[test]
    fn missing_glyphs_finds_emoji_but_not_kanji() {
        let assets = Assets::embedded();
        assert!(
            assets
                .missing_glyphs("株式会社テックシード 髙橋 ①")
                .is_empty()
        );
        assert_eq!(assets.missing_glyphs("ロケット🚀社"), vec!['🚀']);
    }

    /// Typst prints a character no embedded font has as a box without any warning, so the
    /// templates' own text is checked here (the data is checked on load by `text::check`).
    #[test]
    fn every_character_of_every_template_is_in_the_fonts() {
        let assets = Assets::embedded();
        for (path, source) in embedded_templates() {
            let printed: String = source
                .lines()
                .filter(|line| !line.trim_start().starts_with("//"))
                .flat_map(|line| line.chars().filter(|c| !c.is_ascii()))
                .collect();
            let missing = assets.missing_glyphs(&printed);
            assert!(missing.is_empty(), "{path}: no glyph for {missing:?}");
        }
    }

    #[test]
    fn nothing_outside_the_templates_is_readable() {
        let assets = Assets::embedded();
        let main = assets.template("style.typ").unwrap();
        let world = DocumentWorld::new(&assets, main, b"{}".to_vec(), Some(NaiveDate::MIN));
        assert!(
            world.today(None).is_none(),
            "an unrepresentable date is no date, not a panic"
        );
        for path in [
            "/etc/passwd",
            "/Cargo.toml",
            "/fonts/BIZUDMincho-Regular.ttf",
            "/samples/investment-report.json",
        ] {
            assert!(
                world.file(file_id(path)).is_err(),
                "{path} must not be readable"
            );
        }
        assert!(world.file(file_id("/style.typ")).is_ok());
    }
}
