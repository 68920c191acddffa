// support.html: the page the manifest's SupportUrl names (the admin center and
// Outlook's add-in dialog link to it). Static, English and French, no script.

/** The page's HTML. Pure. */
export function supportPage(): string {
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Reply Routing for Outlook: help</title>
    <style>
      body { font: 14px/1.5 "Segoe UI", system-ui, sans-serif; max-width: 42rem; margin: 2rem auto; padding: 0 1rem; color: #242424; }
      h1 { font-size: 20px; font-weight: 600; }
      h2 { font-size: 16px; font-weight: 600; margin-top: 2rem; }
    </style>
  </head>
  <body>
    <h1>Reply Routing for Outlook</h1>
    <p>
      The <strong>Owner</strong> button opens a sidebar beside a message: who owns the conversation and why, its
      first-response clock, and what you can do (claim, release, hand off with a note, ask for help, tag, resolve).
      Pin it to keep it open as you move from message to message.
    </p>
    <p>
      When you reply on a conversation someone else owns, Outlook asks before sending ("Maya owns this conversation.
      Send anyway?"). If the routing service does not answer within a few seconds, your mail goes out as usual.
    </p>
    <p>
      Trouble signing in, or a conversation with the wrong owner? Ask your team's Reply Routing administrator: they
      manage the team, its routing policy and this add-in's deployment.
    </p>
    <h2 lang="fr">En français</h2>
    <p lang="fr">
      Le bouton <strong>Responsable</strong> ouvre un volet à côté du message : qui est responsable de la conversation
      et pourquoi, le délai de première réponse, et les actions possibles (prendre, libérer, passer avec une note,
      demander de l’aide, étiqueter, résoudre). Épinglez-le pour qu’il reste ouvert d’un message à l’autre.
    </p>
    <p lang="fr">
      Si vous répondez dans une conversation confiée à quelqu’un d’autre, Outlook vous demande confirmation avant
      l’envoi. Si le service ne répond pas en quelques secondes, votre message part normalement.
    </p>
    <p lang="fr">Pour un problème de connexion ou de responsable, adressez-vous à l’administrateur Reply Routing de votre équipe.</p>
  </body>
</html>
`;
}
