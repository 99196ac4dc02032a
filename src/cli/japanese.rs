//! clap in Japanese: the help pages' headings, usage lines, flags, defaults and choices, and
//! every parse error, said the way the rest of yoshiki speaks. clap's own English never
//! reaches the user: the command tree is rewritten once here, and its errors are rebuilt from
//! their kind and context.

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, ArgAction, Command, CommandFactory, FromArgMatches};

use super::args::Cli;

/// The layout of every help page.
const TEMPLATE: &str = "{about-with-newline}\n使い方: {usage}\n\n{all-args}{after-help}";

/// The whole command tree, in Japanese.
pub(super) fn command() -> Command {
    // The version names the calls and rounds whose values yoshiki prints.
    let version = format!(
        "{}（様式定義: {}）",
        env!("CARGO_PKG_VERSION"),
        yoshiki::Programs::embedded().summary()
    );
    let root = Cli::command()
        .version(version)
        .disable_version_flag(true)
        .arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help("バージョンと様式定義の募集回・公募回を表示する"),
        )
        .disable_help_subcommand(true);
    translate(root, "yoshiki")
}

/// One command and, recursively, its subcommands.
fn translate(command: Command, path: &str) -> Command {
    let usage = usage(&command, path);
    let mut command = command
        .help_template(TEMPLATE)
        .override_usage(usage)
        .subcommand_help_heading("コマンド")
        .subcommand_value_name("コマンド")
        .disable_help_flag(true)
        .arg(
            Arg::new("help")
                .short('h')
                .long("help")
                .action(ArgAction::Help)
                .help("このヘルプを表示する"),
        )
        .mut_args(argument);
    let names: Vec<String> = command
        .get_subcommands()
        .map(|s| s.get_name().to_owned())
        .collect();
    for name in names {
        let sub_path = format!("{path} {name}");
        command = command.mut_subcommand(&name, |sub| translate(sub, &sub_path));
    }
    command
}

/// An argument's heading, and its default and choices written into its help in Japanese.
fn argument(arg: Arg) -> Arg {
    let heading = if arg.is_positional() {
        "引数"
    } else {
        "オプション"
    };
    let mut help = arg.get_help().map(ToString::to_string).unwrap_or_default();
    let choices: Vec<String> = arg
        .get_possible_values()
        .iter()
        .filter(|v| !v.is_hide_set())
        .map(|v| match v.get_help() {
            Some(meaning) => format!("{}（{meaning}）", v.get_name()),
            None => v.get_name().to_owned(),
        })
        .collect();
    let takes_value = arg.get_action().takes_values();
    if takes_value && !choices.is_empty() {
        help += &format!("。選べる値: {}", choices.join("、"));
    }
    let defaults: Vec<String> = arg
        .get_default_values()
        .iter()
        .map(|d| d.to_string_lossy().into_owned())
        .collect();
    if takes_value && !defaults.is_empty() {
        help += &format!("（省略時: {}）", defaults.join(", "));
    }
    let arg = arg.help_heading(heading).help(help);
    if takes_value {
        arg.hide_default_value(true).hide_possible_values(true)
    } else {
        arg
    }
}

/// `yoshiki render [オプション] <申請者ファイル>`: clap's usage line with its words in Japanese.
fn usage(command: &Command, path: &str) -> String {
    // Every command has options: at least -h.
    let mut usage = format!("{path} [オプション]");
    for arg in command.get_positionals() {
        let name = arg
            .get_value_names()
            .and_then(|names| names.first())
            .map_or_else(|| arg.get_id().to_string(), ToString::to_string);
        let many = matches!(arg.get_action(), ArgAction::Append);
        usage += &match (arg.is_required_set(), many) {
            (true, true) => format!(" <{name}>..."),
            (true, false) => format!(" <{name}>"),
            (false, true) => format!(" [{name}]..."),
            (false, false) => format!(" [{name}]"),
        };
    }
    if command.has_subcommands() {
        usage += if command.is_subcommand_required_set() {
            " <コマンド>"
        } else {
            " [コマンド]"
        };
    }
    usage
}

/// The command line, parsed; help and version printed; a mistake said in Japanese with the
/// usage line (exit code 2).
pub(super) fn parse() -> Result<Cli, u8> {
    let mut command = command();
    let matches = command.try_get_matches_from_mut(std::env::args_os());
    let error = match matches.and_then(|m| Cli::from_arg_matches(&m)) {
        Ok(cli) => return Ok(cli),
        Err(error) => error,
    };
    match error.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
            super::print::out(&error.render().to_string());
            Err(0)
        }
        ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            eprint!("{}", error.render());
            Err(2)
        }
        _ => {
            eprintln!("yoshiki: {}", message(&error));
            if let Some(ContextValue::StyledStr(usage)) = error.get(ContextKind::Usage) {
                let usage = usage.to_string();
                let usage = usage.trim_start_matches("Usage:").trim();
                eprintln!("使い方: {usage}");
            }
            eprintln!("詳しくは --help で表示されます。");
            Err(2)
        }
    }
}

/// What is wrong with the command line, in Japanese.
fn message(error: &clap::Error) -> String {
    let text = |kind| match error.get(kind) {
        Some(ContextValue::String(s)) => s.clone(),
        Some(ContextValue::Strings(v)) => v.join("、"),
        Some(ContextValue::StyledStr(s)) => s.to_string(),
        Some(ContextValue::StyledStrs(v)) => v
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("、"),
        Some(ContextValue::Number(n)) => n.to_string(),
        _ => String::new(),
    };
    let argument = text(ContextKind::InvalidArg);
    let suggestion = |kind| {
        let s = text(kind);
        if s.is_empty() {
            String::new()
        } else {
            format!("（もしかして: {s}）")
        }
    };
    match error.kind() {
        ErrorKind::InvalidValue => {
            let value = text(ContextKind::InvalidValue);
            let valid = text(ContextKind::ValidValue);
            // No "did you mean": a similar-looking standard (a-1b → ua-1) is another one.
            if value.is_empty() {
                format!("{argument} に値を指定してください。選べる値: {valid}")
            } else {
                format!("{argument} に \"{value}\" は使えません。選べる値: {valid}")
            }
        }
        ErrorKind::UnknownArgument => format!(
            "オプション {argument} はありません{}",
            suggestion(ContextKind::SuggestedArg)
        ),
        ErrorKind::InvalidSubcommand => format!(
            "コマンド {} はありません{}",
            text(ContextKind::InvalidSubcommand),
            suggestion(ContextKind::SuggestedSubcommand)
        ),
        ErrorKind::MissingRequiredArgument => format!("{argument} を指定してください"),
        ErrorKind::MissingSubcommand => "コマンドを指定してください".to_owned(),
        ErrorKind::ArgumentConflict => format!(
            "{argument} と {} は一緒に使えません",
            text(ContextKind::PriorArg)
        ),
        ErrorKind::ValueValidation => {
            let value = text(ContextKind::InvalidValue);
            let why = std::error::Error::source(error)
                .map(ToString::to_string)
                .unwrap_or_default();
            format!("{argument} の値 \"{value}\" が正しくありません: {why}")
        }
        ErrorKind::TooManyValues => format!(
            "{argument} に値が多すぎます（\"{}\"）",
            text(ContextKind::InvalidValue)
        ),
        ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => {
            format!("{argument} の値の数が違います")
        }
        ErrorKind::NoEquals => format!("{argument} には = で値を付けてください"),
        ErrorKind::InvalidUtf8 => "コマンドラインに UTF-8 でない文字があります".to_owned(),
        _ => "コマンドラインを読めません".to_owned(),
    }
}
