package org.convergepbx.queue;

/**
 * The events of the queue log, with Asterisk's queue_log names so that call-centre reports read as usual.
 * {@code FULL} and {@code JOINEMPTY} are callers refused at the door (they count as offered, never waited).
 */
public enum QueueEvent {
  ENTERQUEUE,
  CONNECT,
  COMPLETEAGENT,
  COMPLETECALLER,
  ABANDON,
  EXITWITHTIMEOUT,
  EXITEMPTY,
  EXITWITHKEY,
  RINGNOANSWER,
  ADDMEMBER,
  REMOVEMEMBER,
  PAUSE,
  UNPAUSE,
  FULL,
  JOINEMPTY
}
