//! Just enough gzip (RFC 1952) to send real compressed bodies: the
//! simulator's `gzip` and `gzip-bomb` faults check that the client never
//! inflates what it did not ask for. Written out instead of a compression
//! crate: two encoders of a few lines each, for a fault injector, do not
//! justify a dependency of the library.

/// The largest inflated size a bomb may claim: its CRC is computed over
/// every inflated byte, and at about 160:1 a 256 MiB bomb is already 1.6 MB
/// on the wire.
pub(crate) const MAX_BOMB: u64 = 256 * 1024 * 1024;

/// CRC-32 (IEEE, reflected), the gzip trailer's checksum, of `bytes`
/// continued from `crc`.
fn crc32(mut crc: u32, bytes: impl Iterator<Item = u8>) -> u32 {
    static TABLE: std::sync::OnceLock<[u32; 256]> = std::sync::OnceLock::new();
    let table = TABLE.get_or_init(|| {
        let mut t = [0u32; 256];
        for (i, slot) in t.iter_mut().enumerate() {
            let mut c = i as u32;
            for _ in 0..8 {
                c = if c & 1 != 0 {
                    0xEDB8_8320 ^ (c >> 1)
                } else {
                    c >> 1
                };
            }
            *slot = c;
        }
        t
    });
    crc = !crc;
    for b in bytes {
        crc = table[((crc ^ u32::from(b)) & 0xFF) as usize] ^ (crc >> 8);
    }
    !crc
}

/// `M · v` over GF(2), `mat[i]` being the image of bit `i`.
fn gf2_times(mat: &[u32; 32], mut v: u32) -> u32 {
    let mut sum = 0;
    let mut i = 0;
    while v != 0 {
        if v & 1 != 0 {
            sum ^= mat[i];
        }
        v >>= 1;
        i += 1;
    }
    sum
}

fn gf2_square(mat: &[u32; 32]) -> [u32; 32] {
    std::array::from_fn(|i| gf2_times(mat, mat[i]))
}

/// The CRC-32 of `len` zero bytes in O(log len) (zlib's `crc32_combine`
/// idea: the register through zero bits is a linear map, squared per bit
/// of `len`), so a bomb costs no time to checksum.
fn crc32_zeros(mut len: u64) -> u32 {
    // One zero bit: shift right, fold the polynomial in for bit 0.
    let mut op: [u32; 32] =
        std::array::from_fn(|i| if i == 0 { 0xEDB8_8320 } else { 1 << (i - 1) });
    // Three squarings: one zero byte.
    for _ in 0..3 {
        op = gf2_square(&op);
    }
    let mut reg = !0u32;
    while len != 0 {
        if len & 1 != 0 {
            reg = gf2_times(&op, reg);
        }
        len >>= 1;
        op = gf2_square(&op);
    }
    !reg
}

/// The gzip member header: deflate, no name, no mtime, unknown OS.
const HEADER: [u8; 10] = [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff];

fn trailer(out: &mut Vec<u8>, crc: u32, len: u64) {
    out.extend_from_slice(&crc.to_le_bytes());
    out.extend_from_slice(&(len as u32).to_le_bytes());
}

/// `data` as a valid gzip member of stored (uncompressed) deflate blocks:
/// any gunzip restores it exactly.
pub(crate) fn stored(data: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(data.len() + 32 + data.len() / 65535 * 5);
    out.extend_from_slice(&HEADER);
    let mut blocks = data.chunks(65535).peekable();
    if blocks.peek().is_none() {
        // One empty final block.
        out.extend_from_slice(&[1, 0, 0, 0xff, 0xff]);
    }
    while let Some(block) = blocks.next() {
        let last = blocks.peek().is_none();
        let len = block.len() as u16;
        out.push(u8::from(last));
        out.extend_from_slice(&len.to_le_bytes());
        out.extend_from_slice(&(!len).to_le_bytes());
        out.extend_from_slice(block);
    }
    trailer(&mut out, crc32(0, data.iter().copied()), data.len() as u64);
    out
}

/// Deflate's bit order: fields least significant bit first, Huffman codes
/// most significant bit first.
#[derive(Default)]
struct Bits {
    out: Vec<u8>,
    acc: u32,
    n: u32,
}

impl Bits {
    fn field(&mut self, value: u32, bits: u32) {
        for i in 0..bits {
            self.bit((value >> i) & 1);
        }
    }

    fn code(&mut self, code: u32, bits: u32) {
        for i in (0..bits).rev() {
            self.bit((code >> i) & 1);
        }
    }

    fn bit(&mut self, b: u32) {
        self.acc |= b << self.n;
        self.n += 1;
        if self.n == 8 {
            self.out.push(self.acc as u8);
            self.acc = 0;
            self.n = 0;
        }
    }

    fn finish(mut self) -> Vec<u8> {
        if self.n > 0 {
            self.out.push(self.acc as u8);
        }
        self.out
    }
}

/// A gzip bomb: a valid gzip member that inflates to `inflated` zero bytes
/// (capped at [`MAX_BOMB`]) from about `inflated / 160` bytes — one
/// fixed-Huffman deflate block of a literal zero followed by back-references
/// of 258 bytes at distance 1 (13 bits each).
pub(crate) fn bomb(inflated: u64) -> Vec<u8> {
    // Built once per size (the last one is kept): a bomb answers every
    // request of a rule, and building one bit by bit takes tens of
    // milliseconds in a debug build, enough to disturb a timeout.
    static LAST: std::sync::Mutex<Option<(u64, std::sync::Arc<[u8]>)>> =
        std::sync::Mutex::new(None);
    let inflated = inflated.clamp(1, MAX_BOMB);
    let mut last = LAST.lock().unwrap_or_else(|p| p.into_inner());
    match &*last {
        Some((n, bytes)) if *n == inflated => bytes.to_vec(),
        _ => {
            let bytes = build_bomb(inflated);
            *last = Some((inflated, bytes.as_slice().into()));
            bytes
        }
    }
}

fn build_bomb(inflated: u64) -> Vec<u8> {
    let mut bits = Bits::default();
    bits.field(1, 1); // BFINAL
    bits.field(1, 2); // BTYPE = fixed Huffman
    bits.code(0x30, 8); // literal 0
    let rest = inflated - 1;
    for _ in 0..rest / 258 {
        bits.code(0xC5, 8); // length code 285: 258 bytes
        bits.code(0, 5); // distance code 0: distance 1
    }
    for _ in 0..rest % 258 {
        bits.code(0x30, 8); // literal 0
    }
    bits.code(0, 7); // end of block (256)
    let mut out = HEADER.to_vec();
    out.extend_from_slice(&bits.finish());
    trailer(&mut out, crc32_zeros(inflated), inflated);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crc_check_value() {
        // The CRC-32 check value of "123456789".
        assert_eq!(crc32(0, b"123456789".iter().copied()), 0xCBF4_3926);
    }

    #[test]
    fn crc_of_zeros() {
        for n in [0u64, 1, 2, 255, 258, 1000, 70_001] {
            let slow = crc32(0, std::iter::repeat_n(0u8, n as usize));
            assert_eq!(crc32_zeros(n), slow, "{n}");
        }
    }

    #[test]
    fn stored_member() {
        let g = stored(b"hello");
        assert_eq!(&g[..10], &HEADER);
        assert_eq!(&g[10..15], &[1, 5, 0, 0xfa, 0xff]);
        assert_eq!(&g[15..20], b"hello");
        assert_eq!(&g[g.len() - 4..], &5u32.to_le_bytes());
        let big = stored(&vec![7u8; 70_000]);
        assert_eq!(big.len(), 10 + 5 + 65535 + 5 + (70_000 - 65535) + 8);
        assert_eq!(stored(b"").len(), 10 + 5 + 8);
    }

    #[test]
    fn bomb_ratio() {
        let b = bomb(16 << 20);
        assert!(b.len() < 120 * 1024, "{}", b.len());
        assert_eq!(&b[b.len() - 4..], &(16u32 << 20).to_le_bytes());
        assert_eq!(bomb(u64::MAX)[..10], HEADER);
    }
}
