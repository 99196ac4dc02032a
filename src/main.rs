fn main() -> std::process::ExitCode {
    yoshiki::cli::run()
}
