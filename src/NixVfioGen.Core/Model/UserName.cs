namespace NixVfioGen.Model;

/// <summary>
/// A user name as NixOS accepts it in users.users: the regex [a-zA-Z0-9_.][a-zA-Z0-9_.-]* (shadow's
/// is_valid_name without the Samba '$') and fewer than 32 characters (nixpkgs
/// nixos/modules/config/users-groups.nix, the name option and its assertion), and not all digits.
/// </summary>
public sealed record UserName
{
    private UserName(string value) => Value = value;

    public string Value { get; }

    public const int MaxLength = 31;
    public const string Expected =
        "a NixOS user name: letters, digits, '_', '.' or '-', not starting with '-', not only digits, at most 31 characters";

    public static UserName Parse(string text)
    {
        if (!IsValid(text))
        {
            throw new InvalidInputException(text, Expected);
        }
        return new UserName(text);
    }

    private static bool IsValid(string text) =>
        text.Length is > 0 and <= MaxLength
        && text[0] != '-'
        && text.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '-')
        // systemd-tmpfiles (and every systemd tool) reads an all-digit user as a UID; systemd refuses
        // such names (src/basic/user-util.c, valid_user_group_name: "parse_uid(u, NULL) >= 0").
        && !text.All(char.IsAsciiDigit);

    /// <summary>The superuser: it needs no group to run VMs, and is no desktop user (see the --user warning).</summary>
    public bool IsRoot => Value == "root";

    public override string ToString() => Value;
}
