package org.convergepbx.extension;

/**
 * What a client asks an extension to be. {@code secret} may be null on update (the secret is kept);
 * {@code email} and {@code voicemailPin} are optional.
 */
public record ExtensionDraft(
    String number, String name, String secret, String email, String voicemailPin) {}
