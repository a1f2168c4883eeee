namespace NixVfioGen.Model;

/// <summary>
/// How the values of one enum are written on the command line: the one table that parsing, help
/// text, JSON and error messages all read, so a name is written once.
/// </summary>
public sealed class Spelling<T> where T : struct, Enum
{
    private readonly (T Value, string Name)[] table;

    public Spelling(params (T Value, string Name)[] table) => this.table = table;

    public IReadOnlyList<string> Names => table.Select(entry => entry.Name).ToArray();

    /// <summary>The values as help shows them: <c>auto|amd|intel</c>.</summary>
    public string HelpName => string.Join('|', Names);

    public string Name(T value) => table.First(entry => EqualityComparer<T>.Default.Equals(entry.Value, value)).Name;

    /// <summary>Case-insensitive; the error lists every spelling.</summary>
    public T Parse(string text)
    {
        foreach (var (value, name) in table)
        {
            if (string.Equals(name, text.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }
        throw new InvalidInputException(text, "one of " + string.Join(", ", Names));
    }
}
