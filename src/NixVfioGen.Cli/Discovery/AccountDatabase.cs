using System.Globalization;

namespace NixVfioGen.Cli.Discovery;

/// <summary>
/// A root's /etc/passwd and /etc/group, read once: names for owner and group ids, and the groups that
/// list a user. Both files hold name:password:id:… lines; group's fourth field lists the members
/// (a user's primary group is not listed there).
/// </summary>
internal sealed class AccountDatabase(string? passwd, string? group)
{
    private static IEnumerable<string[]> Entries(string? text) => (text ?? "").Split('\n').Select(line => line.Split(':'));

    public string? UserName(uint uid) => NameOf(passwd, uid);

    public string? GroupName(uint gid) => NameOf(group, gid);

    /// <summary>The groups whose member list holds <paramref name="user"/>; null when /etc/group could not be read.</summary>
    public IReadOnlySet<string>? GroupsListing(string user) =>
        group is null
            ? null
            : Entries(group)
                .Where(fields => fields.Length >= 4 && fields[3].Split(',').Contains(user))
                .Select(fields => fields[0])
                .ToHashSet(StringComparer.Ordinal);

    private static string? NameOf(string? text, uint id) =>
        Entries(text)
            .Where(fields => fields.Length >= 3 && fields[2] == id.ToString(CultureInfo.InvariantCulture))
            .Select(fields => fields[0])
            .FirstOrDefault();
}
