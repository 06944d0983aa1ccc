package org.convergepbx.container;

import java.io.IOException;
import java.io.StringWriter;
import java.util.Properties;

/**
 * The container configuration of the two TLS listeners.
 *
 * <p>SIP over TLS (JAIN-SIP's NIO TLS processor): the key store is given as {@code javax.net.ssl.*} stack
 * properties and no trust store, so certificates of peers the PBX connects to are checked against the JDK's
 * CA certificates; phones are not asked for a client certificate ({@code TLS_CLIENT_AUTH_TYPE=Disabled}: they
 * authenticate with digest as over UDP and TCP). Only TLS 1.2 and 1.3 with forward-secret AEAD suites are
 * offered, plus {@code TLS_RSA_WITH_AES_128_CBC_SHA}, which RFC 3261 §26.3.1 requires a SIP server to support. A
 * handshake holds no thread: the NIO processor does it on its selector, so a peer that never finishes it only
 * keeps its socket.
 *
 * <p>HTTPS (Tomcat 7's blocking HTTP/1.1 connector): a handshake runs on a connector thread under the
 * connection timeout (20 s), after which the socket is closed and the thread freed.
 */
final class TlsConfiguration {
  /**
   * Handshake wait, in ms, of the HTTPS connector (its connection timeout) and of JAIN-SIP's blocking TLS
   * processor (SSL_HANDSHAKE_TIMEOUT, kept should the stack be switched from NIO; the NIO processor used here
   * has no handshake watchdog and needs none).
   */
  static final int HANDSHAKE_TIMEOUT_MILLIS = 20_000;

  static final String PROTOCOLS = "TLSv1.3,TLSv1.2";

  static final String SIP_CIPHER_SUITES =
      String.join(
          ",",
          "TLS_AES_128_GCM_SHA256",
          "TLS_AES_256_GCM_SHA384",
          "TLS_CHACHA20_POLY1305_SHA256",
          "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
          "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
          "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
          "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
          "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
          "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256",
          "TLS_RSA_WITH_AES_128_CBC_SHA");

  private TlsConfiguration() {}

  /** The server.xml connectors of the listeners whose port is not 0. */
  static String connectors(LauncherSettings.TlsSettings tls) {
    StringBuilder xml = new StringBuilder();
    if (tls.httpsPort() > 0) {
      xml.append(
          "<Connector address=\"${pbx.http.bind}\" port=\"${pbx.https.port}\" protocol=\"HTTP/1.1\"\n"
              + "               SSLEnabled=\"true\" scheme=\"https\" secure=\"true\" clientAuth=\"false\"\n"
              + "               sslProtocol=\"TLS\" sslEnabledProtocols=\"" + PROTOCOLS + "\"\n"
              + "               keystoreFile=\"${pbx.tls.keystore}\" keystorePass=\"${pbx.tls.keystore.password}\"\n"
              + "               keystoreType=\"PKCS12\" connectionTimeout=\"" + HANDSHAKE_TIMEOUT_MILLIS + "\"\n"
              + "               maxPostSize=\"8388608\" server=\"pbx\"/>\n    ");
    }
    if (tls.sipPort() > 0) {
      xml.append(
          "<Connector ipAddress=\"${pbx.bind}\" port=\"${pbx.sip.tls.port}\"\n"
              + "               protocol=\"org.mobicents.servlet.sip.startup.SipProtocolHandler\""
              + " signalingTransport=\"tls\"/>");
    }
    return xml.toString();
  }

  /** Lines to append to the SIP stack properties. */
  static String stackProperties(TlsKeyStore keyStore) {
    Properties p = new Properties();
    p.setProperty("javax.net.ssl.keyStore", keyStore.path().toString());
    p.setProperty("javax.net.ssl.keyStorePassword", keyStore.password());
    p.setProperty("javax.net.ssl.keyStoreType", "PKCS12");
    p.setProperty("gov.nist.javax.sip.TLS_CLIENT_AUTH_TYPE", "Disabled");
    p.setProperty("gov.nist.javax.sip.TLS_CLIENT_PROTOCOLS", PROTOCOLS);
    p.setProperty("gov.nist.javax.sip.ENABLED_CIPHER_SUITES", SIP_CIPHER_SUITES);
    p.setProperty("gov.nist.javax.sip.SSL_HANDSHAKE_TIMEOUT", String.valueOf(HANDSHAKE_TIMEOUT_MILLIS));
    p.setProperty("gov.nist.javax.sip.SSL_RENEGOTIATION_ENABLED", "false");
    StringWriter out = new StringWriter();
    try {
      p.store(out, "TLS (written by the launcher from PBX_TLS_* settings)");
    } catch (IOException e) {
      throw new IllegalStateException("writing to a string cannot fail", e);
    }
    return "\n" + out;
  }
}
