//! `es-security`: the binary. Everything is in the library (`security_cli`), so that tests run
//! the same code in process.

fn main() {
    let (mut out, mut err) = (std::io::stdout(), std::io::stderr());
    let code = security_cli::run(
        std::env::args_os(),
        security_cli::Io::std(&mut out, &mut err),
    );
    std::process::exit(code);
}
