/*
 * codebuf.h — the JIT code buffer: where translated host code lives.
 *
 * One anonymous shared-memory object (memfd, or an unlinked POSIX shm object
 * where memfd is missing) is mapped twice: once read+write (the "rw" view,
 * where the code generator writes) and once read+execute (the "rx" view,
 * where the CPU runs it). No mapping is ever both writable and executable,
 * so the buffer works under W^X policies (SELinux execmem, PaX MPROTECT).
 *
 * Pointers that generated code uses (branch targets, return addresses, the
 * addresses stored in the TB cache) are always rx pointers; the writer turns
 * them into rw pointers with codebuf_rx_to_rw() when it needs to patch.
 *
 * Space is handed out bump-pointer style. When the buffer is full the caller
 * throws away every translation at once (codebuf_flush()) and starts again:
 * there is no per-block free. Code allocated before codebuf_pin() (the
 * prologue/epilogue) survives a flush.
 *
 * Usage:
 *
 *     TCGCodeBuf cb;
 *     GError *err = NULL;
 *     if (!codebuf_init(&cb, 64 * MiB, &err)) { error_report_err(err); exit(1); }
 *
 *     // generate the prologue once and keep it across flushes
 *     size_t avail;
 *     uint8_t *rw = codebuf_begin(&cb, &avail);
 *     size_t len = emit_prologue(rw, avail);
 *     const void *prologue_rx = codebuf_commit(&cb, rw, len);
 *     codebuf_pin(&cb);
 *
 *     // per translated block
 *     rw = codebuf_begin(&cb, &avail);
 *     if (avail < MIN_BLOCK_SPACE || (len = gen_block(rw, avail)) == 0) {
 *         invalidate_all_translations();       // caller's TB cache
 *         codebuf_flush(&cb);
 *         rw = codebuf_begin(&cb, &avail);     // and retry once
 *         ...
 *     }
 *     const void *code_rx = codebuf_commit(&cb, rw, len);
 *
 * Threads: allocation is not synchronized; translating threads that share
 * one buffer serialize around begin/commit/flush (the TB cache lock does).
 *
 * Ordering: codebuf_commit() and codebuf_sync_icache() make the new bytes visible
 * to instruction fetch. On x86-64 the instruction cache is coherent with data
 * writes, even through a second virtual mapping of the same physical page, so
 * they only need a compiler barrier; on hosts with split caches the hook
 * cleans the data cache and invalidates the instruction cache for the range.
 * Other threads that will jump to the new code must still get its address
 * through a release/acquire pair (e.g. the TB cache insert), as usual.
 */
#ifndef TURTLE_TCG_CODEBUF_H
#define TURTLE_TCG_CODEBUF_H

#include "util/osdep.h"

/* Blocks start on this boundary (a cache line, good for the fetch unit). */
#define CODEBUF_ALIGN 16

typedef struct TCGCodeBuf {
    uint8_t *rw;            /* writable view of the whole buffer */
    uint8_t *rx;            /* executable view of the whole buffer */
    size_t size;            /* bytes in each view */
    size_t used;            /* bytes handed out so far */
    size_t pinned;          /* bytes that survive codebuf_flush() */
    ptrdiff_t rx_minus_rw;  /* rx = rw + rx_minus_rw */
    unsigned flush_count;   /* number of codebuf_flush() calls, for stats */
    /* Bytes from the start already mapped in both views (see
       codebuf_begin); populating stops for good if the host refuses. */
    size_t populated;
    bool no_populate;
} TCGCodeBuf;

/*
 * Maps a buffer of size bytes (rounded up to the page size). Returns false
 * and sets errp if the host refuses (no memfd/shm, out of address space).
 */
bool codebuf_init(TCGCodeBuf *cb, size_t size, GError **errp);

/* Unmaps both views. Code in the buffer must no longer run. */
void codebuf_destroy(TCGCodeBuf *cb);

/*
 * Returns the rw pointer where the next block starts, and in *avail how
 * many bytes may be written there. Nothing is allocated until commit.
 */
uint8_t *codebuf_begin(TCGCodeBuf *cb, size_t *avail);

/*
 * Allocates the len bytes written at rw (which must be the pointer that
 * codebuf_begin() returned), makes them visible to instruction fetch, and
 * returns their rx address.
 */
const void *codebuf_commit(TCGCodeBuf *cb, uint8_t *rw, size_t len);

/* Keeps everything allocated so far (prologue, shared stubs) across flushes. */
void codebuf_pin(TCGCodeBuf *cb);

/* Forgets every block allocated after the last codebuf_pin(). */
void codebuf_flush(TCGCodeBuf *cb);

/* Bytes still free. */
static inline size_t codebuf_free(const TCGCodeBuf *cb)
{
    return cb->size - cb->used;
}

static inline void *codebuf_rx_to_rw(const TCGCodeBuf *cb, const void *rx)
{
    return (uint8_t *)rx - cb->rx_minus_rw;
}

static inline const void *codebuf_rw_to_rx(const TCGCodeBuf *cb, const void *rw)
{
    return (const uint8_t *)rw + cb->rx_minus_rw;
}

/* Whether p is an address inside the executable view (e.g. a host pc). */
static inline bool codebuf_contains_rx(const TCGCodeBuf *cb, const void *p)
{
    return (const uint8_t *)p >= cb->rx && (const uint8_t *)p < cb->rx + cb->size;
}

/*
 * Makes len bytes written at rx (through the rw view) visible to instruction
 * fetch: the icache hook. A no-op beyond a compiler barrier on x86-64.
 */
void codebuf_sync_icache(const void *rx, size_t len);

#endif
