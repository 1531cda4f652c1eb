/**
 * The port to acquirers and payment platforms, and the sandbox acquirer that implements it with the
 * test cards of API.md so every failure path can be exercised for real.
 */
package io.telepay.gateway;
