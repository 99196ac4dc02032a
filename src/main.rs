fn main() -> std::process::ExitCode {
    yoshiki::cli::run()
}

/// mimalloc, not the system's allocator: a batch allocates and frees a great deal per document,
/// and with glibc's malloc both its time and its resident size suffered (see Cargo.toml).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
