package org.convergepbx.call;

import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.SipServletResponse;

/**
 * One outgoing INVITE of a call towards one contact. A leg is CANCELled only once it has had a provisional
 * response (RFC 3261 §9.1): a cancel asked for earlier is remembered and sent when the first provisional comes.
 *
 * <p>A leg with a {@link Confirmation} is called with the server's media: once answered it is
 * {@link #confirming()} (the answerer is asked to press 1) and still counts as in the running; once accepted
 * it is re-INVITEd with the caller's SDP ({@link #accepting}) and connects on that re-INVITE's 2xx.
 */
final class Leg {
  private final SipServletRequest invite;
  private final String member;
  private final String cseq;
  private boolean provisional;
  private boolean cancelWanted;
  private boolean cancelSent;
  private int finalStatus;
  private String finalReason;
  private SipServletResponse unacknowledgedOk;
  private final Confirmation confirmation;
  private boolean confirming;
  private String acceptCseq;
  private boolean authenticated;

  Leg(SipServletRequest invite, String member) {
    this(invite, member, null);
  }

  Leg(SipServletRequest invite, String member, Confirmation confirmation) {
    this.invite = invite;
    this.member = member;
    this.cseq = invite.getHeader("CSeq");
    this.confirmation = confirmation;
  }

  /** The confirm-call of this leg, or null if its answer connects at once. */
  Confirmation confirmation() {
    return confirmation;
  }

  /** Answered, and its answerer is being asked to accept the call (or it is being re-INVITEd after accepting). */
  boolean confirming() {
    return confirming;
  }

  void confirming(boolean now) {
    confirming = now;
  }

  /** The answerer accepted: the leg is re-INVITEd with the caller's SDP. */
  void accepting(SipServletRequest reinvite) {
    acceptCseq = reinvite.getHeader("CSeq");
  }

  /** Accepted and being re-INVITEd. */
  boolean isAccepting() {
    return acceptCseq != null;
  }

  /** True if the response answers the re-INVITE that puts an accepted leg through. */
  boolean acceptedBy(SipServletResponse resp) {
    return acceptCseq != null && acceptCseq.equals(resp.getHeader("CSeq"));
  }

  /** The extension this leg rings one contact of. */
  String member() {
    return member;
  }

  /** Still in the running: neither finished nor being cancelled. */
  boolean active() {
    return finalStatus == 0 && !cancelWanted;
  }

  SipServletRequest invite() {
    return invite;
  }

  String sessionId() {
    return invite.getSession().getId();
  }

  /** True if the response answers this leg's INVITE (and not a later re-INVITE in its dialog). */
  boolean answers(SipServletResponse resp) {
    return cseq.equals(resp.getHeader("CSeq"));
  }

  void provisional() {
    provisional = true;
  }

  /** True once the leg has had a provisional response (the peer is alive). */
  boolean hadProvisional() {
    return provisional;
  }

  /** True if this leg's INVITE already carries credentials (a second challenge is a refusal). */
  boolean authenticated() {
    return authenticated;
  }

  void authenticated(boolean now) {
    authenticated = now;
  }

  /** True if a cancel is wanted and may be sent now. */
  boolean cancelDue() {
    return cancelWanted && provisional && !cancelSent && finalStatus == 0;
  }

  void wantCancel() {
    cancelWanted = true;
  }

  void cancelSent() {
    cancelSent = true;
  }

  boolean cancelWanted() {
    return cancelWanted;
  }

  void finished(int status, String reason) {
    finalStatus = status;
    finalReason = reason;
  }

  boolean finished() {
    return finalStatus != 0;
  }

  int finalStatus() {
    return finalStatus;
  }

  String finalReason() {
    return finalReason;
  }

  /** The 2xx this leg got, waiting for the caller's ACK to be acknowledged in turn. */
  SipServletResponse unacknowledgedOk() {
    return unacknowledgedOk;
  }

  void unacknowledgedOk(SipServletResponse ok) {
    unacknowledgedOk = ok;
  }
}
