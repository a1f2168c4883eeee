namespace NixVfioGen.Nix;

/// <summary>Which names Nix accepts bare, so attribute names are quoted only when they must be.</summary>
public static class NixIdentifiers
{
    // Keywords cannot be bare attribute names; `or` is accepted in some positions but quoting it is always safe.
    private static readonly HashSet<string> Keywords =
        ["if", "then", "else", "assert", "with", "let", "in", "rec", "inherit", "or"];

    /// <summary>True for <c>[A-Za-z_][A-Za-z0-9_'-]*</c> that is not a keyword.</summary>
    public static bool IsIdentifier(string name)
    {
        if (name.Length == 0 || !(char.IsAsciiLetter(name[0]) || name[0] == '_') || Keywords.Contains(name))
        {
            return false;
        }
        foreach (var c in name)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '_' or '\'' or '-'))
            {
                return false;
            }
        }
        return true;
    }
}
