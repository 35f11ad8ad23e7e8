;; The CSV fast path's kernels in WebAssembly (see csv-scan.ts): the tokenizer with 16-byte SIMD,
;; the plain decimals of a number column, and the codes of a text column's short values. Each
;; does what its JavaScript counterpart in csv-fast.ts does, to the bit; what they leave (an
;; unusual number, a value not in the table) they list for the JavaScript. Assembled by
;; `node scripts/gen-wasm.mjs` into csv-scan-wasm.ts; csv-scan.test.ts checks that it is current
;; and that both paths read the same tables.
;;
;; The window holds file bytes [base, base + n) at address 0, and the byte after them at address
;; n (0 at the end of the file); positions stored in `ends` and `starts` are file positions.
(module
  (import "env" "memory" (memory 1))
  ;; CsvFastPath.tokenize: the cell ends of up to `max` clean records from $pos (window address).
  ;; Returns the records found; out[0] = where the record after them starts, out[1] |= a mask
  ;; that is non-zero once a byte of 128 or more was scanned, out[2] = 1 when the window ended
  ;; before the file and before a stop (the caller reads on from out[0] with the next window).
  (func (export "tokenize")
    (param $pos i32) (param $stopAt i32) (param $max i32) (param $n i32) (param $atEnd i32)
    (param $base i32) (param $delim i32) (param $ncols i32) (param $ends i32) (param $starts i32) (param $out i32)
    (result i32)
    (local $p i32) (local $rec i32) (local $f i32) (local $e i32) (local $i i32) (local $skip i32)
    (local $v v128) (local $hi v128) (local $dv v128) (local $md i32) (local $m i32) (local $q i32) (local $c i32) (local $short i32)
    (local.set $rec (local.get $pos))
    (local.set $p (local.get $pos))
    (local.set $e (local.get $ends))
    (local.set $skip (i32.const -1))
    (local.set $dv (i8x16.splat (local.get $delim)))
    (block $stop
      (block $scanned
        (loop $block
          (br_if $scanned (i32.ge_u (local.get $p) (local.get $n)))
          (local.set $v (v128.load (local.get $p)))
          (local.set $hi (v128.or (local.get $hi) (local.get $v)))
          (local.set $md (i8x16.bitmask (i8x16.eq (local.get $v) (local.get $dv))))
          (local.set $m (i8x16.bitmask (v128.or (v128.or
              (i8x16.eq (local.get $v) (v128.const i8x16 10 10 10 10 10 10 10 10 10 10 10 10 10 10 10 10))
              (i8x16.eq (local.get $v) (v128.const i8x16 13 13 13 13 13 13 13 13 13 13 13 13 13 13 13 13)))
              (i8x16.eq (local.get $v) (v128.const i8x16 34 34 34 34 34 34 34 34 34 34 34 34 34 34 34 34)))))
          ;; The window's last block: bytes past its end are not the file's.
          (if (i32.gt_u (i32.add (local.get $p) (i32.const 16)) (local.get $n))
            (then
              (local.set $c (i32.sub (i32.shl (i32.const 1) (i32.sub (local.get $n) (local.get $p))) (i32.const 1)))
              (local.set $md (i32.and (local.get $md) (local.get $c)))
              (local.set $m (i32.and (local.get $m) (local.get $c)))))
          (if (i32.eqz (local.get $m))
            (then
              ;; Only delimiters: most blocks of a line.
              (block $cells (loop $cell
                (br_if $cells (i32.eqz (local.get $md)))
                (br_if $stop (i32.eq (local.get $f) (local.get $ncols)))
                (i32.store (i32.add (local.get $e) (i32.shl (local.get $f) (i32.const 2)))
                  (i32.add (local.get $base) (i32.add (local.get $p) (i32.ctz (local.get $md)))))
                (local.set $f (i32.add (local.get $f) (i32.const 1)))
                (local.set $md (i32.and (local.get $md) (i32.sub (local.get $md) (i32.const 1))))
                (br $cell))))
            (else
              (local.set $m (i32.or (local.get $m) (local.get $md)))
              (block $marks (loop $mark
                (br_if $marks (i32.eqz (local.get $m)))
                (local.set $q (i32.add (local.get $p) (i32.ctz (local.get $m))))
                (local.set $m (i32.and (local.get $m) (i32.sub (local.get $m) (i32.const 1))))
                (local.set $c (i32.load8_u (local.get $q)))
                (if (i32.eq (local.get $c) (local.get $delim))
                  (then
                    (br_if $stop (i32.eq (local.get $f) (local.get $ncols)))
                    (i32.store (i32.add (local.get $e) (i32.shl (local.get $f) (i32.const 2))) (i32.add (local.get $base) (local.get $q)))
                    (local.set $f (i32.add (local.get $f) (i32.const 1)))
                    (br $mark)))
                (br_if $stop (i32.eq (local.get $c) (i32.const 34)))
                (br_if $mark (i32.eq (local.get $q) (local.get $skip)))
                (if (i32.eq (local.get $c) (i32.const 13))
                  (then (br_if $stop (i32.ne (i32.load8_u (i32.add (local.get $q) (i32.const 1))) (i32.const 10)))))
                (i32.store (i32.add (local.get $e) (i32.shl (local.get $f) (i32.const 2))) (i32.add (local.get $base) (local.get $q)))
                (local.set $f (i32.add (local.get $f) (i32.const 1)))
                (br_if $stop (i32.ne (local.get $f) (local.get $ncols)))
                (i32.store (i32.add (local.get $starts) (i32.shl (local.get $i) (i32.const 2))) (i32.add (local.get $base) (local.get $rec)))
                (local.set $i (i32.add (local.get $i) (i32.const 1)))
                (if (i32.eq (local.get $c) (i32.const 13))
                  (then
                    (local.set $rec (i32.add (local.get $q) (i32.const 2)))
                    (local.set $skip (i32.add (local.get $q) (i32.const 1))))
                  (else (local.set $rec (i32.add (local.get $q) (i32.const 1)))))
                (local.set $f (i32.const 0))
                (local.set $e (i32.add (local.get $e) (i32.shl (local.get $ncols) (i32.const 2))))
                (br_if $stop (i32.eq (local.get $i) (local.get $max)))
                (br_if $stop (i32.ge_s (local.get $rec) (local.get $stopAt)))
                (br $mark)))))
          (local.set $p (i32.add (local.get $p) (i32.const 16)))
          (br $block)))
      (local.set $short (i32.eqz (local.get $atEnd)))
      ;; The file's last record, without a line break.
      (if (i32.and (local.get $atEnd) (i32.lt_s (local.get $rec) (local.get $n)))
        (then
          (i32.store (i32.add (local.get $e) (i32.shl (local.get $f) (i32.const 2))) (i32.add (local.get $base) (local.get $n)))
          (local.set $f (i32.add (local.get $f) (i32.const 1)))
          (br_if $stop (i32.ne (local.get $f) (local.get $ncols)))
          (i32.store (i32.add (local.get $starts) (i32.shl (local.get $i) (i32.const 2))) (i32.add (local.get $base) (local.get $rec)))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (local.set $rec (local.get $n)))))
    (i32.store (local.get $out) (i32.add (local.get $base) (local.get $rec)))
    (i32.store offset=4 (local.get $out) (i32.or (i32.load offset=4 (local.get $out)) (i8x16.bitmask (local.get $hi))))
    (i32.store offset=8 (local.get $out) (local.get $short))
    (local.get $i))
;; CsvFastPath.numbers over the chunk just tokenized, for column $j of $k records: plain decimals
;; ([-+]digits[.digits], up to 9 digits) to float64 in vals[i], the same value as the JavaScript;
;; an empty cell (after the padding is trimmed) is NaN and counts in empties[i]; any other cell
;; goes to the list `slow` for the caller. Returns the length of that list; out+16: the fast
;; values' low and high (f64), out+32: empty cells, out+36: values with a fraction part.
  (func (export "numbers")
    (param $j i32) (param $k i32) (param $base i32) (param $ncols i32) (param $tab i32) (param $ends i32) (param $starts i32)
    (param $empties i32) (param $vals i32) (param $slow i32) (param $pow i32) (param $out i32)
    (result i32)
    (local $i i32) (local $a i32) (local $b i32) (local $q i32) (local $sign i32) (local $s i32) (local $mant i32) (local $len i32)
    (local $lenmask i32) (local $digm i32) (local $dotm i32) (local $digits i32) (local $dot i32) (local $frac i32) (local $lead i32)
    (local $row i32) (local $c i32) (local $v v128) (local $d v128) (local $idx v128) (local $eight i64)
    (local $u f64) (local $v64 f64) (local $low f64) (local $high f64) (local $empty i32) (local $fractional i32) (local $nslow i32)
    (local.set $low (f64.const inf))
    (local.set $high (f64.const -inf))
    (local.set $row (i32.add (local.get $ends) (i32.shl (local.get $j) (i32.const 2))))
    (block $done (loop $cell
      (br_if $done (i32.ge_s (local.get $i) (local.get $k)))
      (block $next
        (local.set $a (i32.sub
          (if (result i32) (i32.eqz (local.get $j))
            (then (i32.load (i32.add (local.get $starts) (i32.shl (local.get $i) (i32.const 2)))))
            (else (i32.add (i32.load offset=0 (i32.sub (local.get $row) (i32.const 4))) (i32.const 1))))
          (local.get $base)))
        (local.set $b (i32.sub (i32.load (local.get $row)) (local.get $base)))
        (block $l (loop $trim
          (br_if $l (i32.ge_s (local.get $a) (local.get $b)))
          (local.set $c (i32.load8_u (local.get $a)))
          (br_if $l (i32.eqz (i32.or (i32.eq (local.get $c) (i32.const 32)) (i32.and (local.get $tab) (i32.eq (local.get $c) (i32.const 9))))))
          (local.set $a (i32.add (local.get $a) (i32.const 1)))
          (br $trim)))
        (block $r (loop $trim
          (br_if $r (i32.le_s (local.get $b) (local.get $a)))
          (local.set $c (i32.load8_u (i32.sub (local.get $b) (i32.const 1))))
          (br_if $r (i32.eqz (i32.or (i32.eq (local.get $c) (i32.const 32)) (i32.and (local.get $tab) (i32.eq (local.get $c) (i32.const 9))))))
          (local.set $b (i32.sub (local.get $b) (i32.const 1)))
          (br $trim)))
        (if (i32.eq (local.get $a) (local.get $b))
          (then
            (f64.store (i32.add (local.get $vals) (i32.shl (local.get $i) (i32.const 3))) (f64.const nan))
            (local.set $q (i32.add (local.get $empties) (i32.shl (local.get $i) (i32.const 2))))
            (i32.store (local.get $q) (i32.add (i32.load (local.get $q)) (i32.const 1)))
            (local.set $empty (i32.add (local.get $empty) (i32.const 1)))
            (br $next)))
        ;; [-+]digits[.digits] with 1–9 digits, all 16 bytes at once: which bytes are digits and
        ;; where the point is, then the digits moved to the last lanes (the point and the sign
        ;; left out, zeros before) and read eight by eight as in fast_float's parse_eight_digits.
        (local.set $len (i32.sub (local.get $b) (local.get $a)))
        (local.set $sign (i32.load8_u (local.get $a)))
        (local.set $s (i32.or (i32.eq (local.get $sign) (i32.const 45)) (i32.eq (local.get $sign) (i32.const 43))))
        (local.set $v (v128.load (local.get $a)))
        (local.set $lenmask (i32.sub (i32.shl (i32.const 1) (local.get $len)) (i32.const 1)))
        (local.set $d (i8x16.sub (local.get $v) (v128.const i8x16 48 48 48 48 48 48 48 48 48 48 48 48 48 48 48 48)))
        (local.set $digm (i32.and (local.get $lenmask) (i8x16.bitmask (i8x16.le_u (local.get $d) (v128.const i8x16 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9 9)))))
        (local.set $dotm (i32.and (local.get $lenmask) (i8x16.bitmask (i8x16.eq (local.get $v) (v128.const i8x16 46 46 46 46 46 46 46 46 46 46 46 46 46 46 46 46)))))
        (local.set $digits (i32.popcnt (local.get $digm)))
        (if (i32.or
              (i32.or (i32.gt_u (local.get $len) (i32.const 11)) (i32.ne (i32.or (i32.or (local.get $digm) (local.get $dotm)) (local.get $s)) (local.get $lenmask)))
              (i32.or (i32.gt_u (i32.popcnt (local.get $dotm)) (i32.const 1)) (i32.gt_u (i32.sub (local.get $digits) (i32.const 1)) (i32.const 8))))
          (then
            (i32.store (i32.add (local.get $slow) (i32.shl (local.get $nslow) (i32.const 2))) (local.get $i))
            (local.set $nslow (i32.add (local.get $nslow) (i32.const 1)))
            (br $next)))
        (local.set $dot (select (i32.ctz (local.get $dotm)) (local.get $len) (local.get $dotm)))
        (local.set $frac (select (i32.sub (i32.sub (local.get $len) (local.get $dot)) (i32.const 1)) (i32.const 0) (local.get $dotm)))
        ;; Lane k takes digit t = k − (16 − digits): byte s + t, one further on past the point; none for t < 0.
        (local.set $lead (i32.sub (i32.const 16) (local.get $digits)))
        (local.set $idx (i8x16.add (v128.const i8x16 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15)
          (i8x16.splat (i32.sub (local.get $s) (local.get $lead)))))
        (local.set $idx (i8x16.sub (local.get $idx)
          (i8x16.ge_s (v128.const i8x16 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15)
            (i8x16.splat (i32.add (local.get $lead) (i32.sub (local.get $dot) (local.get $s)))))))
        (local.set $idx (v128.or (local.get $idx)
          (v128.and (v128.const i8x16 128 128 128 128 128 128 128 128 128 128 128 128 128 128 128 128)
            (i8x16.lt_s (v128.const i8x16 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15) (i8x16.splat (local.get $lead))))))
        (local.set $d (i8x16.swizzle (local.get $d) (local.get $idx)))
        (local.set $eight (i64x2.extract_lane 1 (local.get $d)))
        (local.set $eight (i64.add (i64.mul (local.get $eight) (i64.const 10)) (i64.shr_u (local.get $eight) (i64.const 8))))
        (local.set $eight (i64.shr_u
          (i64.add
            (i64.mul (i64.and (local.get $eight) (i64.const 0x000000FF000000FF)) (i64.const 0x000F424000000064))
            (i64.mul (i64.and (i64.shr_u (local.get $eight) (i64.const 16)) (i64.const 0x000000FF000000FF)) (i64.const 0x0000271000000001)))
          (i64.const 32)))
        (local.set $mant (i32.add (i32.wrap_i64 (local.get $eight)) (i32.mul (i8x16.extract_lane_u 7 (local.get $d)) (i32.const 100000000))))
        (local.set $u (f64.convert_i32_s (local.get $mant)))
        (if (local.get $frac)
          (then
            (local.set $u (f64.div (local.get $u) (f64.load (i32.add (local.get $pow) (i32.shl (local.get $frac) (i32.const 3))))))
            (local.set $fractional (i32.add (local.get $fractional) (i32.const 1)))))
        (local.set $v64 (select (f64.neg (local.get $u)) (local.get $u) (i32.eq (local.get $sign) (i32.const 45))))
        (f64.store (i32.add (local.get $vals) (i32.shl (local.get $i) (i32.const 3))) (local.get $v64))
        (if (f64.lt (local.get $v64) (local.get $low)) (then (local.set $low (local.get $v64))))
        (if (f64.gt (local.get $v64) (local.get $high)) (then (local.set $high (local.get $v64)))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (local.set $row (i32.add (local.get $row) (i32.shl (local.get $ncols) (i32.const 2))))
      (br $cell)))
    (f64.store offset=16 (local.get $out) (local.get $low))
    (f64.store offset=24 (local.get $out) (local.get $high))
    (i32.store offset=32 (local.get $out) (local.get $empty))
    (i32.store offset=36 (local.get $out) (local.get $fractional))
    (local.get $nslow))
;; A text column's short values (up to 12 bytes) by their bytes in three words and the length, as
;; ShortIndex keeps them: per slot the three words, then (code + 1) << 4 | (length − 1), 0 = free.
  (func $slot (param $w0 i32) (param $w1 i32) (param $w2 i32) (param $len i32) (result i32)
    (local $h i32)
    (local.set $h (i32.mul
      (i32.xor (i32.xor (local.get $w0) (i32.mul (local.get $w1) (i32.const 0x9e3779b1)))
        (i32.mul (i32.add (local.get $w2) (local.get $len)) (i32.const 0x85ebca77)))
      (i32.const 0xc2b2ae3d)))
    (i32.xor (local.get $h) (i32.shr_u (local.get $h) (i32.const 15))))
  ;; The first 1–4 bytes at $a as a word, the bytes past $len zero.
  (func $word (param $a i32) (param $len i32) (result i32)
    (if (result i32) (i32.ge_s (local.get $len) (i32.const 4))
      (then (i32.load (local.get $a)))
      (else (i32.and (i32.load (local.get $a)) (i32.sub (i32.shl (i32.const 1) (i32.shl (local.get $len) (i32.const 3))) (i32.const 1))))))
  ;; The slot of the value at $a (window address) of $len bytes: where it is, or the free slot where it would go.
  (func $find (param $table i32) (param $mask i32) (param $a i32) (param $len i32) (result i32)
    (local $w0 i32) (local $w1 i32) (local $w2 i32) (local $s i32) (local $at i32) (local $tag i32)
    (local.set $w0 (call $word (local.get $a) (local.get $len)))
    (if (i32.gt_s (local.get $len) (i32.const 4))
      (then (local.set $w1 (call $word (i32.add (local.get $a) (i32.const 4)) (i32.sub (local.get $len) (i32.const 4))))))
    (if (i32.gt_s (local.get $len) (i32.const 8))
      (then (local.set $w2 (i32.load (i32.sub (i32.add (local.get $a) (local.get $len)) (i32.const 4))))))
    (local.set $s (i32.and (call $slot (local.get $w0) (local.get $w1) (local.get $w2) (local.get $len)) (local.get $mask)))
    (loop $probe
      (local.set $at (i32.add (local.get $table) (i32.shl (local.get $s) (i32.const 4))))
      (local.set $tag (i32.load offset=12 (local.get $at)))
      (if (i32.eqz (local.get $tag)) (then (return (local.get $at))))
      (if (i32.and
            (i32.and (i32.eq (i32.and (local.get $tag) (i32.const 15)) (i32.sub (local.get $len) (i32.const 1)))
              (i32.eq (i32.load (local.get $at)) (local.get $w0)))
            (i32.and (i32.eq (i32.load offset=4 (local.get $at)) (local.get $w1))
              (i32.eq (i32.load offset=8 (local.get $at)) (local.get $w2))))
        (then (return (local.get $at))))
      (local.set $s (i32.and (i32.add (local.get $s) (i32.const 1)) (local.get $mask)))
      (br $probe))
    (unreachable))
  ;; CsvFastPath.strings over the chunk just tokenized, for text column $j of $k records: the codes of
  ;; the values in the table into codes[i]; an empty cell (after the padding is trimmed) is −1 and
  ;; counts in empties[i]; any other cell goes to the list `miss` for the caller. Returns the
  ;; length of that list; out+32: the empty cells.
  (func (export "codes")
    (param $j i32) (param $k i32) (param $base i32) (param $ncols i32) (param $tab i32) (param $ends i32) (param $starts i32)
    (param $empties i32) (param $codes i32) (param $miss i32) (param $table i32) (param $mask i32) (param $out i32)
    (result i32)
    (local $i i32) (local $a i32) (local $b i32) (local $c i32) (local $row i32) (local $len i32) (local $at i32) (local $tag i32)
    (local $empty i32) (local $nmiss i32) (local $w0 i32) (local $w1 i32) (local $w2 i32) (local $h i32)
    (local.set $row (i32.add (local.get $ends) (i32.shl (local.get $j) (i32.const 2))))
    (block $done (loop $cell
      (br_if $done (i32.ge_s (local.get $i) (local.get $k)))
      (block $next
        (local.set $a (i32.sub
          (if (result i32) (i32.eqz (local.get $j))
            (then (i32.load (i32.add (local.get $starts) (i32.shl (local.get $i) (i32.const 2)))))
            (else (i32.add (i32.load (i32.sub (local.get $row) (i32.const 4))) (i32.const 1))))
          (local.get $base)))
        (local.set $b (i32.sub (i32.load (local.get $row)) (local.get $base)))
        (block $l (loop $trim
          (br_if $l (i32.ge_s (local.get $a) (local.get $b)))
          (local.set $c (i32.load8_u (local.get $a)))
          (br_if $l (i32.eqz (i32.or (i32.eq (local.get $c) (i32.const 32)) (i32.and (local.get $tab) (i32.eq (local.get $c) (i32.const 9))))))
          (local.set $a (i32.add (local.get $a) (i32.const 1)))
          (br $trim)))
        (block $r (loop $trim
          (br_if $r (i32.le_s (local.get $b) (local.get $a)))
          (local.set $c (i32.load8_u (i32.sub (local.get $b) (i32.const 1))))
          (br_if $r (i32.eqz (i32.or (i32.eq (local.get $c) (i32.const 32)) (i32.and (local.get $tab) (i32.eq (local.get $c) (i32.const 9))))))
          (local.set $b (i32.sub (local.get $b) (i32.const 1)))
          (br $trim)))
        (local.set $len (i32.sub (local.get $b) (local.get $a)))
        (if (i32.eqz (local.get $len))
          (then
            (i32.store (i32.add (local.get $codes) (i32.shl (local.get $i) (i32.const 2))) (i32.const -1))
            (local.set $at (i32.add (local.get $empties) (i32.shl (local.get $i) (i32.const 2))))
            (i32.store (local.get $at) (i32.add (i32.load (local.get $at)) (i32.const 1)))
            (local.set $empty (i32.add (local.get $empty) (i32.const 1)))
            (br $next)))
        (if (i32.le_s (local.get $len) (i32.const 12))
          (then
            ;; $find, written out here (a call per cell costs as much as the lookup).
            (local.set $w0 (i32.load (local.get $a)))
            (local.set $w1 (i32.load offset=4 (local.get $a)))
            (local.set $w2 (i32.load (select (i32.sub (local.get $b) (i32.const 4)) (local.get $a) (i32.gt_u (local.get $len) (i32.const 8)))))
            (if (i32.lt_u (local.get $len) (i32.const 8))
              (then
                (local.set $w2 (i32.const 0))
                (if (i32.le_u (local.get $len) (i32.const 4))
                  (then
                    (local.set $w1 (i32.const 0))
                    (if (i32.lt_u (local.get $len) (i32.const 4))
                      (then (local.set $w0 (i32.and (local.get $w0) (i32.sub (i32.shl (i32.const 1) (i32.shl (local.get $len) (i32.const 3))) (i32.const 1)))))))
                  (else (local.set $w1 (i32.and (local.get $w1) (i32.sub (i32.shl (i32.const 1) (i32.shl (i32.sub (local.get $len) (i32.const 4)) (i32.const 3))) (i32.const 1)))))))
              (else (if (i32.eq (local.get $len) (i32.const 8)) (then (local.set $w2 (i32.const 0))))))
            (local.set $h (i32.mul
              (i32.xor (i32.xor (local.get $w0) (i32.mul (local.get $w1) (i32.const 0x9e3779b1)))
                (i32.mul (i32.add (local.get $w2) (local.get $len)) (i32.const 0x85ebca77)))
              (i32.const 0xc2b2ae3d)))
            (local.set $h (i32.and (i32.xor (local.get $h) (i32.shr_u (local.get $h) (i32.const 15))) (local.get $mask)))
            (block $found (loop $probe
              (local.set $at (i32.add (local.get $table) (i32.shl (local.get $h) (i32.const 4))))
              (local.set $tag (i32.load offset=12 (local.get $at)))
              (br_if $found (i32.eqz (local.get $tag)))
              (if (i32.and
                    (i32.and (i32.eq (i32.and (local.get $tag) (i32.const 15)) (i32.sub (local.get $len) (i32.const 1)))
                      (i32.eq (i32.load (local.get $at)) (local.get $w0)))
                    (i32.and (i32.eq (i32.load offset=4 (local.get $at)) (local.get $w1))
                      (i32.eq (i32.load offset=8 (local.get $at)) (local.get $w2))))
                (then
                  (i32.store (i32.add (local.get $codes) (i32.shl (local.get $i) (i32.const 2))) (i32.sub (i32.shr_s (local.get $tag) (i32.const 4)) (i32.const 1)))
                  (br $next)))
              (local.set $h (i32.and (i32.add (local.get $h) (i32.const 1)) (local.get $mask)))
              (br $probe)))))
        (i32.store (i32.add (local.get $miss) (i32.shl (local.get $nmiss) (i32.const 2))) (local.get $i))
        (local.set $nmiss (i32.add (local.get $nmiss) (i32.const 1))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (local.set $row (i32.add (local.get $row) (i32.shl (local.get $ncols) (i32.const 2))))
      (br $cell)))
    (i32.store offset=32 (local.get $out) (local.get $empty))
    (local.get $nmiss))
  ;; Puts the value at $a (window address) of 1–12 bytes with its code into the table, unless it is
  ;; there; returns 1 when it was put.
  (func (export "put") (param $table i32) (param $mask i32) (param $a i32) (param $len i32) (param $code i32) (result i32)
    (local $at i32) (local $w i32)
    (local.set $at (call $find (local.get $table) (local.get $mask) (local.get $a) (local.get $len)))
    (if (i32.load offset=12 (local.get $at)) (then (return (i32.const 0))))
    (local.set $w (call $word (local.get $a) (local.get $len)))
    (i32.store (local.get $at) (local.get $w))
    (i32.store offset=4 (local.get $at)
      (if (result i32) (i32.gt_s (local.get $len) (i32.const 4))
        (then (call $word (i32.add (local.get $a) (i32.const 4)) (i32.sub (local.get $len) (i32.const 4))))
        (else (i32.const 0))))
    (i32.store offset=8 (local.get $at)
      (if (result i32) (i32.gt_s (local.get $len) (i32.const 8))
        (then (i32.load (i32.sub (i32.add (local.get $a) (local.get $len)) (i32.const 4))))
        (else (i32.const 0))))
    (i32.store offset=12 (local.get $at) (i32.or (i32.shl (i32.add (local.get $code) (i32.const 1)) (i32.const 4)) (i32.sub (local.get $len) (i32.const 1))))
    (i32.const 1))
)
