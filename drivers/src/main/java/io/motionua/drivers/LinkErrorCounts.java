package io.motionua.drivers;

/**
 * Error counters of a link beyond {@link LinkDiagnostics}.
 *
 * @param retries poll requests repeated after a timeout or a damaged response
 * @param crcErrors RTU responses that failed their CRC
 * @param framingErrors responses cut off, too long, or from the wrong unit id
 * @param demotions times a device was taken off scan
 */
public record LinkErrorCounts(long retries, long crcErrors, long framingErrors, long demotions) {}
