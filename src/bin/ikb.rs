//! The `ikb` command: all of it lives in `inspection_kb::cli`.

fn main() -> std::process::ExitCode {
    inspection_kb::cli::main()
}
