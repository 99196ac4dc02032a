//! Reading input files, and what the system's errors mean, in Japanese.

use std::io::{ErrorKind, Read};
use std::path::Path;

use crate::diag::{Diagnostic, file_problem};
use crate::load::{MAX_FILE_BYTES, too_large};

/// An I/O error as a person reads it: what happened, in Japanese (the system's own words
/// follow in parentheses only where no translation fits).
pub fn describe(error: &std::io::Error) -> String {
    // An error of ours (io::Error::new with a message) already says it in Japanese.
    if error.raw_os_error().is_none()
        && let Some(inner) = error.get_ref()
    {
        return inner.to_string();
    }
    match error.kind() {
        ErrorKind::NotFound => "見つかりません".to_owned(),
        ErrorKind::PermissionDenied => "権限がありません".to_owned(),
        ErrorKind::AlreadyExists => "既にあります".to_owned(),
        ErrorKind::StorageFull => "ディスクの空きがありません".to_owned(),
        ErrorKind::QuotaExceeded => "ディスクの使用量の上限を超えました".to_owned(),
        ErrorKind::IsADirectory => "フォルダです（ファイルを指定してください）".to_owned(),
        ErrorKind::NotADirectory => "フォルダではありません".to_owned(),
        ErrorKind::ReadOnlyFilesystem => "読み取り専用の場所です".to_owned(),
        ErrorKind::InvalidData => "中身を読み取れません".to_owned(),
        ErrorKind::InvalidFilename => "ファイル名が長すぎるか、使えない文字があります".to_owned(),
        _ => format!("入出力エラー（{error}）"),
    }
}

/// Why an applicant file could not be read.
#[derive(Debug)]
pub enum ReadError {
    /// The system could not read it.
    Io(std::io::Error),
    /// It is larger than an applicant file can be ([`MAX_FILE_BYTES`]): its size.
    TooLarge(u64),
}

impl ReadError {
    /// The error as a diagnostic about the file.
    pub fn diagnostic(&self, path: &Path) -> Diagnostic {
        match self {
            ReadError::Io(e) => {
                file_problem(path, format!("ファイルを読めません: {}", describe(e)))
            }
            ReadError::TooLarge(size) => too_large(path, *size),
        }
    }
}

/// Reads an applicant file, refusing one that is too large before reading it.
pub fn read_applicant(path: &Path) -> Result<Vec<u8>, ReadError> {
    let file = std::fs::File::open(path).map_err(ReadError::Io)?;
    let metadata = file.metadata().map_err(ReadError::Io)?;
    if metadata.is_dir() {
        return Err(ReadError::Io(std::io::Error::from(ErrorKind::IsADirectory)));
    }
    if metadata.len() > MAX_FILE_BYTES as u64 {
        return Err(ReadError::TooLarge(metadata.len()));
    }
    let mut bytes = Vec::new();
    // A file that grows while it is read (or a device) is cut one byte past the limit: enough
    // for the loader to refuse it.
    file.take(MAX_FILE_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(ReadError::Io)?;
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_errors_read_in_japanese() {
        let missing = std::fs::read("/nonexistent/yoshiki").unwrap_err();
        assert_eq!(describe(&missing), "見つかりません");
        let full = std::io::Error::from(ErrorKind::StorageFull);
        assert_eq!(describe(&full), "ディスクの空きがありません");
    }

    #[test]
    fn a_folder_is_not_an_applicant_file() {
        let dir = tempfile::tempdir().unwrap();
        let problem = read_applicant(dir.path())
            .unwrap_err()
            .diagnostic(dir.path());
        assert!(
            problem.message.contains("フォルダです"),
            "{}",
            problem.message
        );
    }
}
