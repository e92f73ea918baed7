/** What the benchmarks share: the fixed-rate clock that stands in for the link threads. */
package io.motionua.server.bench;
