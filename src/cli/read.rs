//! Reading the applicant file a command was given.

use std::path::Path;

use yoshiki::files::{ReadError, describe, read_applicant};

use super::{Failure, print};

/// The file's bytes; an unreadable file is a failure of the command (exit 2), a file too large
/// to be an applicant file an error in the data (printed; `None`, exit 1).
pub(super) fn applicant(file: &Path) -> Result<Option<Vec<u8>>, Failure> {
    if yoshiki::sheets::is_spreadsheet(file) {
        return Err(Failure::usage(format!(
            "{} は表計算ファイルです。申請者の表は yoshiki batch {} --out 出力フォルダ で PDF に、yoshiki import {} --out 出力フォルダ で申請者ファイルにします",
            file.display(),
            file.display(),
            file.display()
        )));
    }
    match read_applicant(file) {
        Ok(bytes) => Ok(Some(bytes)),
        Err(ReadError::Io(e)) => Err(Failure::io(format!(
            "{} を読めません: {}",
            file.display(),
            describe(&e)
        ))),
        Err(too_large) => {
            let problem = too_large.diagnostic(file);
            print::diagnostics(std::slice::from_ref(&problem), "");
            Ok(None)
        }
    }
}
