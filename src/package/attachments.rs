//! Reading the files an applicant attaches: only the files listed, by default only inside the
//! applicant file's folder (a batch may receive files it does not trust), each checked to be a
//! readable PDF or a PNG or JPEG scan, every problem located at its key.

use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

use crate::diag::Finding;
use crate::files::describe;
use crate::keypath::KeyPath;
use crate::model::Attachment as Listed;

/// The largest attachment read (a scan of a few pages is a few MB).
const MAX_BYTES: u64 = 64 * 1024 * 1024;

/// An attached file, read and checked.
#[derive(Debug, Clone)]
pub struct Attachment {
    /// Its place in `[[attachments]]`.
    pub index: usize,
    /// The id of the document it is (`registry`, `pledge`…).
    pub document: String,
    /// Its path as the file writes it.
    pub written: String,
    /// The file read (absolute, links resolved).
    pub path: PathBuf,
    pub kind: Kind,
    pub bytes: Arc<Vec<u8>>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Kind {
    /// A PDF: each page's size in points.
    Pdf {
        pages: Vec<(f32, f32)>,
    },
    Png,
    Jpeg,
}

impl Attachment {
    /// How many pages it adds to a packet.
    pub fn pages(&self) -> usize {
        match &self.kind {
            Kind::Pdf { pages } => pages.len(),
            Kind::Png | Kind::Jpeg => 1,
        }
    }
}

/// Where attachments may be read from: `root`, or (`None`) the applicant file's folder.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Policy {
    pub root: Option<PathBuf>,
}

/// Reads every listed attachment of the applicant file `file`; problems are findings.
pub(crate) fn read(
    file: &Path,
    listed: &[Listed],
    policy: &Policy,
) -> (Vec<Attachment>, Vec<Finding>) {
    let folder = match file.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let root = policy.root.clone().unwrap_or_else(|| folder.clone());
    let mut attachments = Vec::new();
    let mut findings = Vec::new();
    for (index, entry) in listed.iter().enumerate() {
        let key = KeyPath::root().key("attachments").index(index).key("path");
        match read_one(&folder, &root, policy.root.is_some(), entry) {
            Ok((path, kind, bytes)) => attachments.push(Attachment {
                index,
                document: entry.document.trim().to_owned(),
                written: entry.path.clone(),
                path,
                kind,
                bytes: Arc::new(bytes),
            }),
            Err((message, help)) => {
                let finding = Finding::error(key, message);
                findings.push(match help {
                    Some(help) => finding.with_help(help),
                    None => finding,
                });
            }
        }
    }
    (attachments, findings)
}

type Problem = (String, Option<String>);

fn read_one(
    folder: &Path,
    root: &Path,
    widened: bool,
    entry: &Listed,
) -> Result<(PathBuf, Kind, Vec<u8>), Problem> {
    let written = entry.path.trim();
    let relative = Path::new(written);
    if written.is_empty() {
        return Err(("添付ファイルのパスが空です".to_owned(), None));
    }
    if relative.is_absolute()
        || relative
            .components()
            .any(|c| matches!(c, Component::Prefix(_)))
    {
        return Err((
            format!("添付ファイル {written} は絶対パスです"),
            Some("申請者ファイルのフォルダからの相対パスで書いてください".to_owned()),
        ));
    }
    let cannot = |e: std::io::Error| {
        (
            format!("添付ファイル {written} を読めません: {}", describe(&e)),
            None,
        )
    };
    let path = folder.join(relative).canonicalize().map_err(cannot)?;
    let root = root.canonicalize().map_err(|e| {
        (
            format!(
                "添付ファイルの読み取り範囲 {} を読めません: {}",
                root.display(),
                describe(&e)
            ),
            None,
        )
    })?;
    if !path.starts_with(&root) {
        let help = if widened {
            format!("{} の中のファイルだけが読めます", root.display())
        } else {
            "安全のため、申請者ファイルのフォルダの外は読みません。信頼できる場所なら --attachments-root で読み取り範囲を広げられます".to_owned()
        };
        return Err((
            format!("添付ファイル {written} は読み取り範囲の外にあります"),
            Some(help),
        ));
    }
    let metadata = std::fs::metadata(&path).map_err(cannot)?;
    if !metadata.is_file() {
        return Err((
            format!("添付ファイル {written} はファイルではありません"),
            None,
        ));
    }
    if metadata.len() > MAX_BYTES {
        return Err((
            format!(
                "添付ファイル {written} が大きすぎます（{} バイト。{MAX_BYTES} バイトまで）",
                metadata.len()
            ),
            Some("スキャンの解像度を下げるか、ページを分けてください".to_owned()),
        ));
    }
    let bytes = std::fs::read(&path).map_err(cannot)?;
    let kind = kind_of(&bytes)
        .map_err(|why| (format!("添付ファイル {written} を読めません: {why}"), None))?;
    Ok((path, kind, bytes))
}

/// What a file holds: a PDF with its pages, or a PNG or JPEG image; else why not.
fn kind_of(bytes: &[u8]) -> Result<Kind, String> {
    if bytes.starts_with(b"%PDF-") {
        let pdf = hayro_syntax::Pdf::new(Arc::new(bytes.to_vec())).map_err(|e| match e {
            hayro_syntax::LoadPdfError::Decryption(_) => {
                "暗号化（パスワード保護）された PDF です".to_owned()
            }
            _ => "PDF として壊れているか、PDF ではありません".to_owned(),
        })?;
        let pages: Vec<(f32, f32)> = pdf.pages().iter().map(|p| p.render_dimensions()).collect();
        if pages.is_empty() {
            return Err("ページのない PDF です".to_owned());
        }
        return Ok(Kind::Pdf { pages });
    }
    let format = if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        (image::ImageFormat::Png, Kind::Png)
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        (image::ImageFormat::Jpeg, Kind::Jpeg)
    } else {
        return Err("PDF・PNG・JPEG のどれでもありません".to_owned());
    };
    image::ImageReader::with_format(std::io::Cursor::new(bytes), format.0)
        .into_dimensions()
        .map_err(|_| "画像として壊れています".to_owned())?;
    Ok(format.1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_pdfs_and_images_are_attachments() {
        assert_eq!(
            kind_of(b"hello").unwrap_err(),
            "PDF・PNG・JPEG のどれでもありません"
        );
        assert!(kind_of(b"%PDF-1.7\n garbage").is_err());
        assert!(kind_of(b"\x89PNG\r\n\x1a\nbroken").is_err());
    }
}
