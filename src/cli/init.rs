//! `yoshiki init`: a starter applicant file (standard output for none or `-`), never over a
//! file unless forced.

use std::io::Write;
use std::path::Path;

use yoshiki::files::describe;

use super::args::InitArgs;
use super::{CommandResult, Failure, Outcome};

pub(super) fn run(args: &InitArgs) -> CommandResult {
    let forms = args.forms.resolve()?;
    let profiles = yoshiki::package::profiles(&yoshiki::Programs::embedded());
    let profile = match &args.program {
        None => None,
        Some(name) => Some(profiles.iter().find(|p| &p.name == name).ok_or_else(|| {
            let names: Vec<&str> = profiles.iter().map(|p| p.name.as_str()).collect();
            Failure::usage(format!(
                "--program \"{name}\" はありません。使える名前: {}",
                names.join(", ")
            ))
        })?),
    };
    if let Some(path) = &args.sheet {
        let mut chosen = profile.map(|p| p.forms.clone()).unwrap_or_default();
        chosen.extend(
            forms
                .iter()
                .filter(|f| !chosen.contains(f))
                .collect::<Vec<_>>(),
        );
        let bytes = yoshiki::sheets::starter(&chosen).map_err(Failure::io)?;
        write_new(path, &bytes, args.force)?;
        eprintln!(
            "{} を作りました。「{}」の行を見本に、各シートに 1 行ずつ書き（id が # で始まる行は読み飛ばします）、yoshiki batch {} --out 出力フォルダ で PDF にします",
            path.display(),
            yoshiki::sheets::EXAMPLE_ID,
            path.display()
        );
        return Ok(Outcome::Ok);
    }
    let text = yoshiki::starter::starter(&forms, profile, args.minimal);
    if forms.is_empty() && profile.is_none() {
        eprintln!(
            "すべての様式の欄を書きます。--program shizuoka、--program nedo-dtsu-sts などで、その事業・フェーズに必要な様式だけにできます（一覧: yoshiki programs）"
        );
    }
    match args.file.as_deref() {
        None => print!("{text}"),
        Some(path) if path == Path::new("-") => print!("{text}"),
        Some(path) => {
            write_new(path, text.as_bytes(), args.force)?;
            eprintln!(
                "{} を作りました。【記入】をすべて書き換えてから yoshiki check で確かめてください",
                path.display()
            );
            write_schema_beside(path);
        }
    }
    Ok(Outcome::Ok)
}

/// The schema the starter's `#:schema` line points to, beside it, unless one is there: an
/// editor then completes and checks the file at once.
fn write_schema_beside(file: &Path) {
    let folder = match file.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let target = folder.join(yoshiki::starter::SCHEMA_FILE);
    if target.exists() {
        return;
    }
    let text = serde_json::to_string_pretty(&yoshiki::schema()).unwrap_or_default() + "\n";
    match yoshiki::output::write_atomic(folder, yoshiki::starter::SCHEMA_FILE, text.as_bytes()) {
        Ok(path) => eprintln!("エディタの補完・検査用に {} も作りました", path.display()),
        Err(e) => eprintln!(
            "yoshiki: {} を作れませんでした: {}（エディタの補完がなくても使えます）",
            target.display(),
            describe(&e)
        ),
    }
}

/// Writes `bytes` to a new file (or over an existing one when `force`).
fn write_new(path: &Path, bytes: &[u8], force: bool) -> Result<(), Failure> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true);
    if force {
        options.create(true).truncate(true);
    } else {
        options.create_new(true);
    }
    let written = options.open(path).and_then(|mut f| f.write_all(bytes));
    written.map_err(|e| match e.kind() {
        std::io::ErrorKind::AlreadyExists => Failure::io(format!(
            "{} は既にあります（上書きするときは --force）",
            path.display()
        )),
        _ => Failure::io(format!(
            "{} に書き込めません: {}",
            path.display(),
            describe(&e)
        )),
    })
}
