using SlaTimers.Notifications.Messages;

namespace SlaTimers.Notifications.Templates;

/// <summary>
/// Composes messages from the admins' templates (subject, text, HTML and the Teams card in the recipient's
/// language), or with <see cref="DefaultMessageComposer"/> while there are none. Ids, threading and the Teams
/// activity are the same either way.
/// </summary>
public sealed class TemplateMessageComposer(MessageTemplates templates) : IMessageComposer
{
    public OutgoingMessage Compose(NotificationContext context)
    {
        var catalog = templates.Current;
        if (catalog is null) return DefaultMessageComposer.Compose(context);

        var builtIn = DefaultMessageComposer.Compose(context);
        var language = catalog.LanguageFor(context.Language);
        var kind = CheckpointKinds.Of(context.Checkpoint.Definition);
        var model = TemplateModel.From(context, language);
        var subject = catalog.Render(kind, language, TemplateFormat.Subject, model);
        return builtIn with
        {
            Language = language,
            Subject = subject,
            TextBody = catalog.Render(kind, language, TemplateFormat.Text, model),
            HtmlBody = catalog.Render(kind, language, TemplateFormat.Html, model),
            AdaptiveCard = catalog.Render(kind, language, TemplateFormat.Card, model),
            Teams = TeamsNotices.For(context, subject),
        };
    }

    public OutgoingMessage ComposeDigest(DigestContext digest)
    {
        var builtIn = DefaultMessageComposer.ComposeDigest(digest);
        var catalog = templates.Current;
        if (catalog is null) return builtIn;
        var language = catalog.LanguageFor(digest.Language);
        if (!catalog.HasDigest(language)) return builtIn;

        var model = TemplateModel.FromDigest(digest, language);
        var subject = catalog.RenderDigest(language, TemplateFormat.Subject, model);
        return builtIn with
        {
            Language = language,
            Subject = subject,
            TextBody = catalog.RenderDigest(language, TemplateFormat.Text, model),
            HtmlBody = catalog.RenderDigest(language, TemplateFormat.Html, model),
            AdaptiveCard = catalog.RenderDigest(language, TemplateFormat.Card, model),
            Teams = TeamsNotices.ForDigest(digest, subject),
        };
    }
}
