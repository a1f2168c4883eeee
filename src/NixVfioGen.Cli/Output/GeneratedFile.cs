namespace NixVfioGen.Cli.Output;

/// <summary>One generated text and the file name it takes when written to a directory.</summary>
internal sealed record GeneratedFile(string FileName, string Text, bool IsNix);
