/**
 * Every tunable in one frozen place, with its unit and the reason for its value
 * (STYLE §11). Imports nothing, so any layer may read it. Add keys to your layer's
 * section only; tests that need other values pass them as options instead.
 */
export const CONFIG = Object.freeze({
  card: Object.freeze({
    /** Largest READ BINARY chunk, bytes. Short APDUs with Le=00 read 256 (jpki-protocol §3.2). */
    readChunk: 256,
    /**
     * Most follow-up commands (GET RESPONSE or a resend after 6Cxx) for one command,
     * count. 256 GET RESPONSEs of 256 bytes cover the largest extended answer (65536
     * bytes); a card that asks for more is broken, and we stop instead of looping.
     */
    maxFollowUps: 256,
    /**
     * Largest certificate we read, bytes: READ BINARY offsets are 15 bits, so nothing past
     * 0x7FFF can be read with a short APDU (jpki-protocol §3.2). Real ones are ~1.2-1.6 KB.
     */
    maxCertificateLength: 0x8000,
  }),
  reader: Object.freeze({
    /**
     * Deadline for one CCID command whose duration the ATR does not bound (power on,
     * slot status, APDU-level exchange), ms. libccid waits 3 s (DEFAULT_COM_READ_TIMEOUT,
     * facts B3); we allow 5 s because an APDU-level reader may run an RSA signature
     * inside one XfrBlock before its first time extension.
     */
    commandTimeoutMs: 5000,
    /** Deadline for control transfers, release/claim and Abort during recovery, ms. */
    controlTimeoutMs: 2000,
    /**
     * Added to the ATR's BWT/CWT for one T=1 block, ms: USB latency plus the reader's own
     * processing, which the card's timing does not include (libccid adds ~1 s too).
     */
    t1MarginMs: 1000,
    /** Replies with a stale bSeq skipped before giving up, count. libccid gives up after 10 (facts B4). */
    maxStaleReplies: 10,
    /**
     * Total wait across time extensions (bmCommandStatus 2) for one command, as a
     * multiple of its deadline. Bounds a reader stuck in a storm of extensions.
     */
    maxTimeExtensionFactor: 20,
    /** GetSlotStatus polling period for onSlotChange on readers without interrupt-IN, ms. */
    slotPollIntervalMs: 500,
    /**
     * The companion's hello, ms: measured start of the 99 MB single executable is
     * 0.15-0.5 s here (issue 12); a cold disk or an antivirus scan of a new binary on
     * Windows takes seconds, so 10 s before we call it broken.
     */
    companionHelloMs: 10_000,
    /**
     * One companion request that reaches the card (connect, transmit), ms: the CCID
     * command deadline plus PC/SC's own retries and the pipe (0.2 ms measured).
     */
    companionRequestMs: 15_000,
    /** RC-S380: waiting for the ACK of a Port-100 command, ms. felica-rs waits 1 s; the reader ACKs within a USB frame or two. */
    port100AckTimeoutMs: 1000,
    /**
     * RC-S380: added to a command's own RF timeout while waiting for its response, ms:
     * USB latency and the chip's processing (felica-rs waits 1.5 s for any response).
     */
    port100ResponseMarginMs: 500,
    /** RC-S380: reading stray frames at start and after a cancelled command, ms (nfcpy drains for 10 ms). */
    port100DrainMs: 10,
    /** REQB and ATTRIB wait for the card this long, ms (nfcpy, aruneko and felica-rs all use 30 ms, facts §2.6). */
    typeBActivationTimeoutMs: 30,
    /**
     * Field off before a new activation when it was on, ms: the card must lose power so
     * a verified PIN is gone (ISO 14443-3 asks for a reset of at least about 5 ms; the
     * exact figure is UNCONFIRMED, 10 ms leaves a margin at little cost).
     */
    typeBFieldResetMs: 10,
    /**
     * The fastest Type B rate the RC-S380 driver asks a card for in ATTRIB, kbit/s. The My
     * Number Card offers 212 and 424 both ways (its ATQB's B3, facts §3.1) and the RC-S380
     * has 212B/424B settings (§2.5); at 106 a cold status check spends most of its time on
     * the air. That the pair really works at 424 is UNCONFIRMED: the driver checks the
     * card answers after the switch and falls back to 106 for the open reader if not.
     */
    port100MaxBitRate: 424 as 106 | 212 | 424,
    /**
     * ISO-DEP retransmissions of one block before the command fails, count. The standard
     * leaves it to the PCD; three, as for T=1, covers a brief field dip without letting a
     * card that left the field hold the reader for more than 4 × FWT.
     */
    isoDepMaxRetries: 3,
    /**
     * S(WTX) requests in a row before the command is given up, count. The same bound as
     * CCID time extensions; a My Number signature asks for one or none (UNCONFIRMED).
     */
    isoDepMaxWtx: 20,
    /**
     * Card presence polling while the RC-S380 holds no session (REQB, then RF off), ms.
     * Modest so the field is off most of the time; a card put down is seen within a second.
     */
    port100PollIntervalMs: 1000,
  }),
  extension: Object.freeze({
    /**
     * Whole status read, reader acquisition to power-down, ms. A cold read on a TPDU
     * reader at 9600 bit/s moves ~2 KB, about 3 s with T=1 overhead; 20 s leaves room
     * for a slow reader and time extensions without letting a hung one freeze the popup.
     */
    statusDeadlineMs: 20_000,
    /** How long a request may wait for the session held by another, ms: one status read plus margin. */
    sessionWaitMs: 25_000,
    /** Trying a paired reader for the setup page (open, claim, close), ms: no card I/O, only USB setup. */
    probeDeadlineMs: 10_000,
    /**
     * After a session's deadline fires, how long the APDU already on the wire may take to
     * settle before the reader is closed (closing is the only way to end a hung transfer,
     * facts A2), ms. Short: the work was already told to stop.
     */
    sessionSettleMs: 2_000,
    /** Powering the card off at the end of a session or before closing the reader, ms: one CCID command. */
    powerOffDeadlineMs: 3_000,
    /**
     * One card session of a site request (login, signing certificate, signature), ms:
     * a cold certificate read plus VERIFY and a 2048-bit signature (about 1 s on the card).
     */
    siteSessionDeadlineMs: 20_000,
    /** How long the PIN window waits for the holder unless the site asks otherwise, ms (Web eID's default, anchors §1.7). */
    userTimeoutMs: 120_000,
    /** The popup says "still reading" when a refresh has not answered in this long, ms. */
    popupNoticeMs: 12_000,
    /** A view gives up on the background's answer after this long, ms: a probe of every paired reader fits. */
    viewAnswerMs: 20_000,
  }),
});
