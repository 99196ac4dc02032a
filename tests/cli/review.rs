//! The review loop: packets with an outline, page images, PDF/A, watch, and a user's own
//! templates and program definitions.

use std::path::Path;
use std::time::{Duration, Instant};

use super::common::*;

fn complete() -> String {
    fixture("complete.toml").to_str().unwrap().to_owned()
}

/// The outline of a PDF: (title, page) of each entry.
pub(super) fn outline(path: &Path) -> Vec<(String, usize)> {
    let pdf = lopdf::Document::load(path).unwrap();
    let toc = pdf.get_toc().unwrap();
    toc.toc.iter().map(|e| (e.title.clone(), e.page)).collect()
}

#[test]
fn a_packet_per_program_has_its_forms_in_the_guides_order_with_one_outline_entry_each() {
    let (result, out) = render(&[&complete(), "--packet"]);
    assert!(result.status.success(), "{}", stderr(&result));
    // complete.toml has forms of both programs: one packet each.
    assert_eq!(
        files_in(out.path()),
        [
            "株式会社テックシード_申請書類一式_NEDO.pdf",
            "株式会社テックシード_申請書類一式_静岡県.pdf"
        ]
    );
    let nedo = out
        .path()
        .join("株式会社テックシード_申請書類一式_NEDO.pdf");
    let shizuoka = out
        .path()
        .join("株式会社テックシード_申請書類一式_静岡県.pdf");
    // NEDO's guide lists 追加資料8 before 追加資料6; 静岡県's lists 様式第3号 before 第4号.
    assert_eq!(
        outline(&nedo),
        [
            (
                "関心表明書（株式会社テックシード・株式会社パートナー工業）".to_owned(),
                1
            ),
            (
                "出資等に関する報告書（株式会社テックシード・ABCベンチャーキャピタル株式会社）"
                    .to_owned(),
                2
            ),
        ]
    );
    assert_eq!(
        outline(&shizuoka),
        [
            ("収支予算書（株式会社テックシード）".to_owned(), 1),
            ("誓約書（株式会社テックシード）".to_owned(), 2),
        ]
    );
    // The hidden bookmark prints nothing.
    let text = pdf_text_compact(&shizuoka);
    assert_eq!(
        text.matches("誓約書（株式会社テックシード）").count(),
        0,
        "{text}"
    );
    // Each packet's size and page count.
    let err = stderr(&result);
    assert!(
        err.contains("株式会社テックシード_申請書類一式_静岡県.pdf: 2 ページ、"),
        "{err}"
    );

    // Reproducible: the same input gives the same bytes.
    let (again, out2) = render(&[&complete(), "--packet"]);
    assert!(again.status.success());
    for name in files_in(out.path()) {
        assert!(
            std::fs::read(out.path().join(&name)).unwrap()
                == std::fs::read(out2.path().join(&name)).unwrap(),
            "{name}: bytes differ between runs"
        );
    }
}

/// Width and height of a PNG, from its IHDR chunk.
fn png_size(path: &Path) -> (u32, u32) {
    let bytes = std::fs::read(path).unwrap();
    assert_eq!(&bytes[1..4], b"PNG");
    let word = |at: usize| u32::from_be_bytes(bytes[at..at + 4].try_into().unwrap());
    (word(16), word(20))
}

#[test]
fn png_output_has_one_a4_image_per_page() {
    let (result, out) = render(&[&complete(), "--format", "png", "--ppi", "72"]);
    assert!(result.status.success(), "{}", stderr(&result));
    let files = files_in(out.path());
    // Four one-page forms.
    assert_eq!(files.len(), 4, "{files:?}");
    for file in &files {
        assert!(file.ends_with("_p1.png"), "{file}");
        let (width, height) = png_size(&out.path().join(file));
        // A4 at 72 ppi: 595 × 842 pixels, ratio √2.
        assert_eq!((width, height), (595, 842), "{file}");
    }
    let (result, _) = render(&[&complete(), "--format", "png", "--ppi", "5"]);
    assert_eq!(result.status.code(), Some(2));
}

#[test]
fn pdf_a_2b_declares_its_conformance_and_embeds_every_font() {
    let (result, out) = render(&[&complete(), "--form", "pledge", "--pdf-standard", "a-2b"]);
    assert!(result.status.success(), "{}", stderr(&result));
    let path = out.path().join("株式会社テックシード_誓約書.pdf");
    let pdf = lopdf::Document::load(&path).unwrap();
    let catalog = pdf.catalog().unwrap();
    let metadata = catalog.get(b"Metadata").unwrap().as_reference().unwrap();
    let stream = pdf.get_object(metadata).unwrap().as_stream().unwrap();
    let xmp = String::from_utf8_lossy(&stream.content).into_owned();
    assert!(xmp.contains("<pdfaid:part>2</pdfaid:part>"), "{xmp}");
    assert!(
        xmp.contains("<pdfaid:conformance>B</pdfaid:conformance>"),
        "{xmp}"
    );
    // PDF/A needs an output intent and every font embedded.
    assert!(catalog.get(b"OutputIntents").is_ok());
    for (_, object) in pdf.objects.iter() {
        if let Ok(dict) = object.as_dict()
            && dict.get(b"Type").ok().and_then(|t| t.as_name().ok()) == Some(b"FontDescriptor")
        {
            assert!(
                dict.has(b"FontFile2") || dict.has(b"FontFile3"),
                "a font is not embedded"
            );
        }
    }
}

#[test]
fn exported_templates_and_programs_can_be_edited_and_used() {
    let dir = tempfile::tempdir().unwrap();
    let templates = dir.path().join("templates");
    let programs = dir.path().join("programs");
    let result = yoshiki(&["templates", "export", templates.to_str().unwrap()]);
    assert!(result.status.success(), "{}", stderr(&result));
    assert!(templates.join("pledge.typ").exists() && templates.join("style.typ").exists());
    // Never over an existing file.
    let again = yoshiki(&["templates", "export", templates.to_str().unwrap()]);
    assert_eq!(again.status.code(), Some(2));
    assert!(stderr(&again).contains("上書きしません"));
    assert!(
        yoshiki(&["programs", "export", programs.to_str().unwrap()])
            .status
            .success()
    );

    let pledge = templates.join("pledge.typ");
    let text = std::fs::read_to_string(&pledge)
        .unwrap()
        .replace("[誓 約 書]", "[誓 約 書（試作）]");
    std::fs::write(&pledge, text).unwrap();
    // A form's fixed parts are exported below parts/ and edited as its template is.
    let parts = templates.join("parts").join("pledge.typ");
    let text = std::fs::read_to_string(&parts).unwrap().replace(
        "静岡県が課税するすべての県税",
        "静岡県が課税するすべての県税（試作）",
    );
    std::fs::write(&parts, text).unwrap();
    let shizuoka = programs.join("shizuoka.toml");
    let text = std::fs::read_to_string(&shizuoka)
        .unwrap()
        .replace("川勝 平太", "鈴木 康友");
    std::fs::write(&shizuoka, text).unwrap();
    let (result, out) = render(&[
        &complete(),
        "--form",
        "pledge",
        "--templates",
        templates.to_str().unwrap(),
        "--programs",
        programs.to_str().unwrap(),
    ]);
    assert!(result.status.success(), "{}", stderr(&result));
    let text = pdf_text_compact(&out.path().join("株式会社テックシード_誓約書.pdf"));
    assert!(text.contains("誓約書（試作）"), "{text}");
    assert!(text.contains("すべての県税（試作）"), "{text}");
    assert!(text.contains("静岡県知事鈴木康友様"), "{text}");
}

#[test]
fn a_users_template_cannot_read_outside_its_folder() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("secret.txt"), "secret").unwrap();
    std::fs::write(
        dir.path().join("pledge.typ"),
        "#read(\"/secret.txt\")\n#read(\"/../../../../etc/passwd\")\n",
    )
    .unwrap();
    let (result, out) = render(&[
        &complete(),
        "--form",
        "pledge",
        "--templates",
        dir.path().to_str().unwrap(),
    ]);
    assert_eq!(result.status.code(), Some(1));
    assert!(
        stderr(&result).contains("誓約書 の組版に失敗しました"),
        "{}",
        stderr(&result)
    );
    assert!(files_in(out.path()).is_empty());
}

/// Waits until `check` holds, for at most 60 s (a debug build on a busy machine is slow).
pub(super) fn wait_for(what: &str, check: impl Fn() -> bool) {
    let started = Instant::now();
    while !check() {
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "timed out waiting for {what}"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn watch_renders_again_after_a_change_and_keeps_the_last_good_pdf_on_errors() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("applicant.toml");
    let original = std::fs::read_to_string(fixture("complete.toml")).unwrap();
    std::fs::write(&file, &original).unwrap();
    let out = dir.path().join("out");
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_yoshiki"))
        .args([
            "watch",
            file.to_str().unwrap(),
            "--form",
            "pledge",
            "--out",
            out.to_str().unwrap(),
        ])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let first = out.join("株式会社テックシード_誓約書.pdf");
    wait_for("the first render", || first.exists());

    std::fs::write(
        &file,
        original.replace("株式会社テックシード", "株式会社ミライ"),
    )
    .unwrap();
    let renamed = out.join("株式会社ミライ_誓約書.pdf");
    wait_for("the render after the change", || renamed.exists());
    let good = std::fs::read(&renamed).unwrap();

    // A broken file: nothing is written, the last good PDF stays; fixing it renders again.
    std::fs::write(
        &file,
        original
            .replace("株式会社テックシード", "株式会社ミライ")
            .replace("[pledge]", "[pledge"),
    )
    .unwrap();
    std::thread::sleep(Duration::from_millis(1500));
    assert_eq!(std::fs::read(&renamed).unwrap(), good);
    std::fs::write(
        &file,
        original.replace("株式会社テックシード", "株式会社ヨシキ"),
    )
    .unwrap();
    wait_for("the render after the fix", || {
        out.join("株式会社ヨシキ_誓約書.pdf").exists()
    });

    child.kill().unwrap();
    child.wait().unwrap();
}

/// Runs `yoshiki render ARGS --open` with a stand-in `xdg-open` that records what it is asked
/// to open; the `count` paths opened.
#[cfg(target_os = "linux")]
fn opened(args: &[&str], count: usize) -> Vec<String> {
    use std::os::unix::fs::PermissionsExt;
    let bin = tempfile::tempdir().unwrap();
    let log = bin.path().join("opened.txt");
    let viewer = bin.path().join("xdg-open");
    std::fs::write(
        &viewer,
        format!("#!/bin/sh\necho \"$1\" >> '{}'\n", log.display()),
    )
    .unwrap();
    std::fs::set_permissions(&viewer, std::fs::Permissions::from_mode(0o755)).unwrap();
    let out = tempfile::tempdir().unwrap();
    let path = format!(
        "{}:{}",
        bin.path().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let result = std::process::Command::new(env!("CARGO_BIN_EXE_yoshiki"))
        .arg("render")
        .args(args)
        .args(["--open", "--out", out.path().to_str().unwrap()])
        .env("PATH", path)
        .current_dir(root())
        .output()
        .unwrap();
    assert!(result.status.success(), "{}", stderr(&result));
    // The viewer is started detached: wait for the stand-in to have written, then a moment
    // more for any line too many.
    let lines = || {
        std::fs::read_to_string(&log)
            .unwrap_or_default()
            .lines()
            .count()
    };
    wait_for("the viewer", || lines() >= count);
    std::thread::sleep(Duration::from_millis(200));
    let text = std::fs::read_to_string(&log).unwrap_or_default();
    let prefix = format!("{}/", out.path().display());
    text.lines()
        .map(|l| l.strip_prefix(&prefix).unwrap_or(l).to_owned())
        .map(|l| {
            if l == out.path().display().to_string() {
                "<folder>".to_owned()
            } else {
                l
            }
        })
        .collect()
}

#[test]
#[cfg(target_os = "linux")]
fn open_shows_the_packets_or_every_pdf_or_their_folder() {
    let mut packets = opened(&[&complete(), "--packet"], 2);
    packets.sort();
    assert_eq!(
        packets,
        [
            "株式会社テックシード_申請書類一式_NEDO.pdf",
            "株式会社テックシード_申請書類一式_静岡県.pdf"
        ]
    );
    // Four PDFs: each one.
    assert_eq!(opened(&[&complete()], 4).len(), 4);
    // Six: the folder.
    let shizuoka = fixture("shizuoka-package.toml");
    assert_eq!(opened(&[shizuoka.to_str().unwrap()], 1), ["<folder>"]);
}
