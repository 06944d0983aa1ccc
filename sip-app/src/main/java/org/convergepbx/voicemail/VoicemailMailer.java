package org.convergepbx.voicemail;

import java.io.IOException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Properties;
import javax.activation.DataHandler;
import javax.activation.FileDataSource;
import javax.mail.MessagingException;
import javax.mail.Session;
import javax.mail.Transport;
import javax.mail.internet.InternetAddress;
import javax.mail.internet.MimeBodyPart;
import javax.mail.internet.MimeMessage;
import javax.mail.internet.MimeMultipart;

/** E-mails a voicemail message with its WAV file attached (Jakarta Mail 1.6, plain SMTP). */
public final class VoicemailMailer {
  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

  private final Session session;
  private final String from;

  public VoicemailMailer(String host, int port, String from) {
    Properties p = new Properties();
    p.put("mail.smtp.host", host);
    p.put("mail.smtp.port", String.valueOf(port));
    p.put("mail.smtp.connectiontimeout", "10000");
    p.put("mail.smtp.timeout", "30000");
    this.session = Session.getInstance(p);
    this.from = from;
  }

  /** The subject of a message's e-mail. */
  static String subject(VoicemailMessage m) {
    return String.format(Locale.ROOT, "Voicemail for %s from %s (%.0f s)", m.mailbox(), m.caller(), m.seconds());
  }

  /** The text of a message's e-mail. */
  static String body(VoicemailMessage m) {
    return String.format(
        Locale.ROOT,
        "Mailbox %s has a new message.%n%nFrom: %s%nDate: %s%nLength: %.1f s%n%nThe recording is attached (WAV).%n",
        m.mailbox(), m.caller(), WHEN.format(m.at()), m.seconds());
  }

  public void send(VoicemailMessage m, String to) throws MessagingException, IOException {
    MimeMessage mail = new MimeMessage(session);
    mail.setFrom(new InternetAddress(from));
    mail.setRecipients(javax.mail.Message.RecipientType.TO, InternetAddress.parse(to));
    mail.setSubject(subject(m), "UTF-8");
    MimeBodyPart text = new MimeBodyPart();
    text.setText(body(m), "UTF-8");
    MimeBodyPart audio = new MimeBodyPart();
    audio.setDataHandler(new DataHandler(new FileDataSource(m.file().toFile())));
    audio.setFileName(m.file().getFileName().toString());
    audio.setHeader("Content-Type", "audio/wav");
    MimeMultipart parts = new MimeMultipart();
    parts.addBodyPart(text);
    parts.addBodyPart(audio);
    mail.setContent(parts);
    Transport.send(mail);
  }
}
