namespace NixVfioGen.Model;

/// <summary>
/// --guest-setup: a second cdrom with autounattend.xml, the virtio-win drivers and a first-logon
/// script, so Windows installs without "Load driver" and ends with guest tools and Looking Glass' host.
/// </summary>
/// <param name="Language">Setup's and Windows' display language: the installer ISO's language.</param>
/// <param name="Locale">Keyboard and regional formats (input, system and user locale).</param>
/// <param name="Account">The local administrator account Setup creates (no password; set one after).</param>
/// <param name="Edition">The image to install with its generic key; null: Setup asks for a key and the edition.</param>
public sealed record GuestSetup(GuestLanguage Language, GuestLocale Locale, WindowsAccountName Account, GuestEdition? Edition = null)
{
    public static GuestSetup Defaults(WindowsAccountName account) => new(GuestLanguage.Default, GuestLocale.Default, account);
}
