//! The submission packet with attachments: pages in the guide's order, one outline entry per
//! document, the 質問書 apart; attachments read only from the applicant's folder, every problem
//! located at its key.

use std::path::{Path, PathBuf};

use super::common::*;
use super::review::{outline, wait_for};

fn packet_fixture() -> String {
    fixture("packet/shizuoka.toml").to_str().unwrap().to_owned()
}

/// The packet fixture with `edits`, written with copies of its attachments into a folder of
/// its own (so a test can add or break files beside it).
fn packet_copy(edits: &[(&str, &str)]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("申請者");
    std::fs::create_dir(&folder).unwrap();
    for name in ["履歴事項全部証明書.pdf", "決算書.png", "誓約書_押印済.jpg"] {
        std::fs::copy(fixture("packet").join(name), folder.join(name)).unwrap();
    }
    let mut text = std::fs::read_to_string(fixture("packet/shizuoka.toml")).unwrap();
    for (from, to) in edits {
        assert!(text.contains(from), "no {from:?}");
        text = text.replacen(from, to, 1);
    }
    let file = folder.join("shizuoka.toml");
    std::fs::write(&file, text).unwrap();
    (dir, file)
}

#[test]
fn a_packet_has_the_forms_and_attachments_in_the_guides_order() {
    let (result, out) = render(&[&packet_fixture(), "--packet"]);
    assert!(result.status.success(), "{}", stderr(&result));
    // The 質問書 goes by its own e-mail: a file of its own, not in the packet.
    assert_eq!(
        files_in(out.path()),
        [
            "株式会社テックシード_申請書類一式_静岡県.pdf",
            "株式会社テックシード_質問書.pdf"
        ]
    );
    let path = out
        .path()
        .join("株式会社テックシード_申請書類一式_静岡県.pdf");
    let pdf = lopdf::Document::load(&path).unwrap();
    // (ア) 1 + (イ) 1 + (ウ) 2 + (エ) 1 + signed (オ) 1 + (カ) 2 + (キ) 1.
    assert_eq!(pdf.get_pages().len(), 9);
    assert_eq!(
        outline(&path),
        [
            ("申込書（株式会社テックシード）".to_owned(), 1),
            ("申込者の概要（株式会社テックシード）".to_owned(), 2),
            ("事業計画書（株式会社テックシード）".to_owned(), 3),
            ("収支予算書（株式会社テックシード）".to_owned(), 5),
            ("(オ) 誓約書（様式第4号）".to_owned(), 6),
            ("(カ) 会社・法人登記に係る履歴事項全部証明書".to_owned(), 7),
            ("(キ) 直近の決算書の写し".to_owned(), 9),
        ]
    );
    // The attached PDF's pages are there, in order, as text (not a picture of them); the
    // generated 誓約書 is not (the signed scan replaces it).
    let text = pdf_text_compact(&path);
    let registry = text.find("履歴事項全部証明書（見本）").expect("page 7");
    let certified = text.find("これは登記簿に記録されている").expect("page 8");
    assert!(registry < certified, "{text}");
    assert!(!text.contains("次に掲げる条件を全て満たしている"), "{text}");
    let err = stderr(&result);
    assert!(
        err.contains("株式会社テックシード_申請書類一式_静岡県.pdf: 9 ページ、"),
        "{err}"
    );
}

#[test]
fn check_prints_the_checklist_with_each_attachments_pages() {
    let result = yoshiki(&["check", &packet_fixture()]);
    assert!(result.status.success(), "{}", stderr(&result));
    let out = stdout(&result);
    for line in [
        "提出書類（静岡県 令和5年度 2次募集）:",
        "  ［生成］(ア) 申込書（様式第1号）",
        "  ［添付］(オ) 誓約書（様式第4号） — 誓約書_押印済.jpg（1 ページ）",
        "  ［添付］(カ) 会社・法人登記に係る履歴事項全部証明書 — 履歴事項全部証明書.pdf（2 ページ）",
        "  ［添付］(キ) 直近の決算書の写し — 決算書.png（1 ページ）",
    ] {
        assert!(out.lines().any(|l| l == line), "no line {line:?} in\n{out}");
    }
}

#[test]
fn a_missing_or_unreadable_attachment_is_a_located_error_and_nothing_is_written() {
    let (dir, file) = packet_copy(&[
        ("path = \"決算書.png\"", "path = \"決算書_2023.png\""),
        ("path = \"履歴事項全部証明書.pdf\"", "path = \"壊れた.pdf\""),
    ]);
    std::fs::write(file.with_file_name("壊れた.pdf"), b"%PDF-1.7\nnot really").unwrap();
    let out = dir.path().join("out");
    let result = yoshiki(&[
        "render",
        file.to_str().unwrap(),
        "--packet",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(result.status.code(), Some(1));
    let err = stderr(&result);
    let text = std::fs::read_to_string(&file).unwrap();
    let line_of = |needle: &str| text.lines().position(|l| l.contains(needle)).unwrap() + 1;
    assert!(
        err.contains(&format!(
            "shizuoka.toml:{}:8: エラー: attachments[1].path: 添付ファイル 壊れた.pdf を読めません: PDF として壊れているか、PDF ではありません",
            line_of("壊れた.pdf")
        )),
        "{err}"
    );
    assert!(
        err.contains(&format!(
            "shizuoka.toml:{}:8: エラー: attachments[2].path: 添付ファイル 決算書_2023.png を読めません: 見つかりません",
            line_of("決算書_2023.png")
        )),
        "{err}"
    );
    assert!(files_in(&out).is_empty());
}

#[test]
fn a_path_outside_the_applicants_folder_is_refused_unless_the_root_is_widened() {
    let (dir, file) = packet_copy(&[("path = \"決算書.png\"", "path = \"../決算書.png\"")]);
    std::fs::copy(fixture("packet/決算書.png"), dir.path().join("決算書.png")).unwrap();
    let check = |extra: &[&str]| {
        let mut args = vec!["check", file.to_str().unwrap()];
        args.extend_from_slice(extra);
        yoshiki(&args)
    };
    let refused = check(&[]);
    assert_eq!(refused.status.code(), Some(1));
    let err = stderr(&refused);
    assert!(
        err.contains("添付ファイル ../決算書.png は読み取り範囲の外にあります"),
        "{err}"
    );
    assert!(err.contains("--attachments-root"), "{err}");
    // An absolute path is refused whatever the root.
    let (_abs_dir, abs_file) = packet_copy(&[("path = \"決算書.png\"", "path = \"/etc/passwd\"")]);
    let absolute = yoshiki(&["check", abs_file.to_str().unwrap()]);
    assert!(
        stderr(&absolute).contains("添付ファイル /etc/passwd は絶対パスです"),
        "{}",
        stderr(&absolute)
    );
    // A symbolic link out of the folder is outside too.
    #[cfg(unix)]
    {
        let (_link_dir, link_file) =
            packet_copy(&[("path = \"決算書.png\"", "path = \"link.png\"")]);
        std::os::unix::fs::symlink(
            dir.path().join("決算書.png"),
            link_file.with_file_name("link.png"),
        )
        .unwrap();
        let linked = yoshiki(&["check", link_file.to_str().unwrap()]);
        assert!(
            stderr(&linked).contains("link.png は読み取り範囲の外にあります"),
            "{}",
            stderr(&linked)
        );
    }
    let widened = check(&["--attachments-root", dir.path().to_str().unwrap()]);
    assert!(widened.status.success(), "{}", stderr(&widened));
}

#[test]
fn a_pdf_standard_packet_takes_scans_and_names_the_pdf_attachment_it_cannot_take() {
    let (result, out) = render(&[&packet_fixture(), "--packet", "--pdf-standard", "a-2b"]);
    assert_eq!(result.status.code(), Some(1));
    let err = stderr(&result);
    assert!(
        err.contains("attachments[1].path: 添付ファイル 履歴事項全部証明書.pdf を申請書類一式に入れられません: PDF/A-2b の申請書類一式には PDF の添付を入れられません"),
        "{err}"
    );
    assert!(files_in(out.path()).is_empty());

    // With the registry as a scan instead, the packet is PDF/A-2b.
    let (_dir, file) =
        packet_copy(&[("path = \"履歴事項全部証明書.pdf\"", "path = \"決算書.png\"")]);
    let (result, out) = render(&[file.to_str().unwrap(), "--packet", "--pdf-standard", "a-2b"]);
    assert!(result.status.success(), "{}", stderr(&result));
    let path = out
        .path()
        .join("株式会社テックシード_申請書類一式_静岡県.pdf");
    let pdf = lopdf::Document::load(&path).unwrap();
    let catalog = pdf.catalog().unwrap();
    let metadata = catalog.get(b"Metadata").unwrap().as_reference().unwrap();
    let xmp = pdf.get_object(metadata).unwrap().as_stream().unwrap();
    assert!(String::from_utf8_lossy(&xmp.content).contains("<pdfaid:part>2</pdfaid:part>"));
    assert_eq!(pdf.get_pages().len(), 8);
}

#[test]
fn a_packet_narrowed_by_form_says_so_in_its_name() {
    let (result, out) = render(&[&packet_fixture(), "--packet", "--form", "budget"]);
    assert!(result.status.success(), "{}", stderr(&result));
    assert!(
        Path::new(
            &out.path()
                .join("株式会社テックシード_申請書類一式_静岡県_収支予算書.pdf")
        )
        .exists(),
        "{:?}",
        files_in(out.path())
    );
}

/// A small grey PNG: another scan.
fn grey_png(path: &Path) {
    let file = std::fs::File::create(path).unwrap();
    let mut encoder = png::Encoder::new(file, 40, 56);
    encoder.set_color(png::ColorType::Grayscale);
    let mut writer = encoder.write_header().unwrap();
    writer.write_image_data(&[128; 40 * 56]).unwrap();
}

#[test]
fn watch_renders_the_packet_again_when_an_attachment_changes() {
    let (dir, file) = packet_copy(&[]);
    let out = dir.path().join("out");
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_yoshiki"))
        .args([
            "watch",
            file.to_str().unwrap(),
            "--packet",
            "--out",
            out.to_str().unwrap(),
        ])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let packet = out.join("株式会社テックシード_申請書類一式_静岡県.pdf");
    wait_for("the first packet", || packet.exists());
    let before = std::fs::read(&packet).unwrap();
    // Written under another name and renamed, as an editor saves.
    let scan = file.with_file_name("決算書.png");
    grey_png(&file.with_file_name("new.png"));
    std::fs::rename(file.with_file_name("new.png"), &scan).unwrap();
    wait_for("the packet with the new scan", || {
        std::fs::read(&packet).is_ok_and(|now| now != before)
    });
    child.kill().unwrap();
    child.wait().unwrap();
}
