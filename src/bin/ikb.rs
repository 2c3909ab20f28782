//! The `ikb` command: all of it lives in the library (`inspection_kb::ikb_main`).

fn main() -> std::process::ExitCode {
    inspection_kb::ikb_main()
}
