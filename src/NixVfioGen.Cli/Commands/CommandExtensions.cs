using System.CommandLine;

namespace NixVfioGen.Cli.Commands;

internal static class CommandExtensions
{
    public static void AddAll(this Command command, params IEnumerable<Option>[] groups)
    {
        foreach (var option in groups.SelectMany(group => group))
        {
            command.Options.Add(option);
        }
    }
}
