namespace NixVfioGen.Model;

/// <summary>
/// --guest-setup: a second cdrom with autounattend.xml, the virtio-win drivers and a first-logon
/// script, so Windows installs without "Load driver" and ends with guest tools and Looking Glass' host.
/// </summary>
/// <param name="Locale">Setup's UI, keyboard, system and user locale.</param>
/// <param name="Account">The local administrator account Setup creates (no password; set one after).</param>
public sealed record GuestSetup(GuestLocale Locale, WindowsAccountName Account);
