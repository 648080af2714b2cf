// SPDX-License-Identifier: LGPL-2.1-or-later
//! What the Rust standard library does on Windows, printed as lines that are the same on
//! every run: std::fs (create, read, rename, metadata, read_dir, set_len, canonicalize,
//! remove_file, remove_dir_all), std::env, named threads, Mutex and Condvar, park and
//! unpark, channels, reading lines from a console, exit codes, panics and a stack overflow.  The whole output is compared with expected.txt.
use std::env;
use std::fs;
use std::io::{Read, Write};
use std::process;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::sync::{Arc, Condvar, Mutex};
use std::thread;

fn files() {
    let base = env::temp_dir().join(format!("wring_rust_{}", process::id()));
    fs::create_dir_all(base.join("sub").join("deeper")).unwrap();
    let a = base.join("a.txt");
    fs::write(&a, "hello, file\n").unwrap();
    println!("read: {:?}", fs::read_to_string(&a).unwrap());
    let md = fs::metadata(&a).unwrap();
    println!("metadata: file {} dir {} len {} readonly {}", md.is_file(), md.is_dir(), md.len(),
             md.permissions().readonly());
    println!("modified set: {}", md.modified().is_ok());

    let b = base.join("b.txt");
    fs::rename(&a, &b).unwrap();
    println!("renamed: a exists {}, b exists {}", a.exists(), b.exists());
    fs::write(&a, "second").unwrap();
    fs::rename(&a, &b).unwrap();
    println!("rename over: {:?}", fs::read_to_string(&b).unwrap());

    let mut f = fs::OpenOptions::new().write(true).open(&b).unwrap();
    f.set_len(3).unwrap();
    f.write_all(b"SE").unwrap();
    drop(f);
    let mut s = String::new();
    fs::File::open(&b).unwrap().read_to_string(&mut s).unwrap();
    println!("set_len and write: {:?}", s);

    let mut perms = fs::metadata(&b).unwrap().permissions();
    perms.set_readonly(true);
    fs::set_permissions(&b, perms.clone()).unwrap();
    println!("readonly now: {}", fs::metadata(&b).unwrap().permissions().readonly());
    println!("remove readonly: {}", fs::remove_file(&b).is_err());
    perms.set_readonly(false);
    fs::set_permissions(&b, perms).unwrap();

    fs::write(base.join("sub").join("x.txt"), "x").unwrap();
    let mut names: Vec<String> = fs::read_dir(&base).unwrap()
        .map(|e| {
            let e = e.unwrap();
            format!("{}{}", e.file_name().to_string_lossy(), if e.file_type().unwrap().is_dir() { "/" } else { "" })
        })
        .collect();
    names.sort();
    println!("read_dir: {:?}", names);

    let canon = fs::canonicalize(&b).unwrap();
    let canon = canon.to_string_lossy();
    println!("canonicalize: verbatim {}, ends with b.txt {}", canon.starts_with(r"\\?\"), canon.ends_with(r"\b.txt"));

    fs::remove_file(&b).unwrap();
    println!("removed: {}", !b.exists());
    match fs::remove_file(&b) {
        Err(e) => println!("remove again: {:?}", e.kind()),
        Ok(()) => println!("remove again: succeeded"),
    }
    fs::remove_dir_all(&base).unwrap();
    println!("remove_dir_all: {}", !base.exists());
}

fn environment() {
    env::set_var("WRING_RUST_VAR", "value ✓");
    println!("var: {:?}", env::var("WRING_RUST_VAR"));
    // Windows variable names do not depend on case
    println!("var by other case: {:?}", env::var("wring_rust_var"));
    env::remove_var("WRING_RUST_VAR");
    println!("removed var: {}", env::var("WRING_RUST_VAR").is_err());
    println!("args: {:?}", env::args().skip(1).collect::<Vec<_>>());
    let before = env::current_dir().unwrap();
    let temp = env::temp_dir();
    env::set_current_dir(&temp).unwrap();
    let now = env::current_dir().unwrap();
    println!("set_current_dir: {}", fs::canonicalize(&now).unwrap() == fs::canonicalize(&temp).unwrap());
    env::set_current_dir(&before).unwrap();
}

fn threads() {
    let worker = thread::Builder::new().name("worker-1".into()).spawn(|| {
        thread::current().name().map(str::to_string)
    }).unwrap();
    println!("thread name: {:?}", worker.join().unwrap());

    // a Condvar handshake: each side waits for the other's turn
    let pair = Arc::new((Mutex::new(0u32), Condvar::new()));
    let other = pair.clone();
    let t = thread::spawn(move || {
        let (lock, cvar) = &*other;
        for _ in 0..1000 {
            let mut turn = lock.lock().unwrap();
            while *turn % 2 == 0 { turn = cvar.wait(turn).unwrap(); }
            *turn += 1;
            cvar.notify_one();
        }
    });
    {
        let (lock, cvar) = &*pair;
        for _ in 0..1000 {
            let mut turn = lock.lock().unwrap();
            while *turn % 2 == 1 { turn = cvar.wait(turn).unwrap(); }
            *turn += 1;
            cvar.notify_one();
        }
    }
    t.join().unwrap();
    println!("condvar turns: {}", *pair.0.lock().unwrap());

    // park and unpark (WaitOnAddress and WakeByAddressSingle underneath)
    let flag = Arc::new(AtomicBool::new(false));
    let seen = flag.clone();
    let parked = thread::spawn(move || {
        while !seen.load(Ordering::Acquire) { thread::park(); }
        "unparked"
    });
    flag.store(true, Ordering::Release);
    parked.thread().unpark();
    println!("park: {}", parked.join().unwrap());

    let counter = Arc::new(Mutex::new(0u64));
    let handles: Vec<_> = (0..4).map(|_| {
        let c = counter.clone();
        thread::spawn(move || for _ in 0..10000 { *c.lock().unwrap() += 1; })
    }).collect();
    for h in handles { h.join().unwrap(); }
    println!("mutex count: {}", *counter.lock().unwrap());

    let (tx, rx) = mpsc::channel();
    for i in 0..3 {
        let tx = tx.clone();
        thread::spawn(move || tx.send(i * 10).unwrap());
    }
    drop(tx);
    let mut got: Vec<i32> = rx.iter().collect();
    got.sort();
    println!("channel: {:?}", got);

    // a panic in a named thread is that thread's: join reports it, the process goes on
    let r = thread::Builder::new().name("doomed".into()).spawn(|| panic!("worker failed")).unwrap().join();
    println!("panicked thread joined: {}", r.is_err());
}

// Each call keeps a kilobyte on the stack and adds to what the next returns, so neither the
// frame nor the recursion can be optimised away: it runs off the end of the main thread's stack.
#[allow(unconditional_recursion)]
fn recurse(depth: u64, previous: &[u8; 1024]) -> u64 {
    let mut local = [0u8; 1024];
    local[0] = previous[(depth % 1024) as usize];
    unsafe { std::ptr::read_volatile(&local[0]) };
    recurse(depth + 1, &local) + local[1] as u64
}

fn main() {
    let args: Vec<String> = env::args().collect();
    match args.get(1).map(String::as_str) {
        Some("exit") => {
            let code: i32 = args[2].parse().unwrap();
            println!("exiting with {}", code);
            process::exit(code);
        }
        Some("lines") => {
            // std reads a terminal with ReadConsoleW; the lines keep the console's CR LF
            let mut line = String::new();
            while std::io::stdin().read_line(&mut line).unwrap() > 0 {
                println!("line: {:?}", line);
                line.clear();
            }
            println!("end of input");
            return;
        }
        Some("overflow") => {
            println!("recursing");
            println!("{}", recurse(0, &[0u8; 1024]));
            return;
        }
        Some("panic") => {
            println!("about to panic");
            panic!("the message, {}", 42);
        }
        _ => {}
    }
    files();
    environment();
    threads();
    println!("done");
}
