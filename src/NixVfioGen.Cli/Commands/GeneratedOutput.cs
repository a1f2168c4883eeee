using System.CommandLine;
using NixVfioGen.Cli.Formatting;
using NixVfioGen.Cli.Output;

namespace NixVfioGen.Cli.Commands;

/// <summary>Formats generated files and sends them to stdout or, atomically, to --output.</summary>
internal static class GeneratedOutput
{
    public static void Emit(CliEnvironment environment, OutputOptionSet options, ParseResult result, IReadOnlyList<GeneratedFile> files)
    {
        var choice = options.ReadFormatter(result);
        var formatting = new NixFormatting(environment.Formatter, environment.Error);
        var finished = files.Select(file => file.IsNix ? file with { Text = formatting.Apply(choice, file.Text) } : file).ToArray();
        if (result.GetValue(options.Output) is { } path)
        {
            AtomicFile.WriteAll([(path, string.Concat(finished.Select(f => f.Text)))]);
            return;
        }
        foreach (var file in finished)
        {
            environment.Out.Write(file.Text);
        }
    }
}
