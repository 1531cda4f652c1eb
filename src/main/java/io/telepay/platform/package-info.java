/**
 * What every request passes through: request ids, body limits, error answers, logging, the demo
 * workspace and the command line.
 */
package io.telepay.platform;
