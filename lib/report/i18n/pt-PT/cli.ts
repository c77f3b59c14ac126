// As linhas próprias do relatório no terminal (bin/render.ts), em português europeu.
import type { CliKey } from "../en/cli";

export const ptCli: Readonly<Record<CliKey, string>> = {
  "cli.test.dane": "Validação DANE (incluindo DNSSEC)",
  "cli.test.inbound": "Correio Eletrónico SMTP de Entrada",
  "cli.test.dnssec": "Validação DNSSEC",
  "cli.test.exchange": "Preparação do Exchange Online para DANE de entrada",
  "cli.heading": "{test} — {domain}",
  "cli.headingWithInput": "{test} — {domain} (introduzido: {input})",
  "cli.banner": "{verdict, select, pass {Teste concluído com êxito} warning {Teste concluído com êxito, com avisos} other {O teste falhou}}",
  "cli.verdictLine":
    "Veredicto RFC 7672: {verdict, select, pass {aprovado} warning {aviso} other {reprovado}}; DNSSEC dos registos MX: {dnssec, select, secure {seguro} insecure {inseguro} bogus {inválido (bogus)} other {indeterminado}}",
  "cli.dnssecLine": "Estado DNSSEC: {dnssec, select, secure {seguro} insecure {inseguro} bogus {inválido (bogus)} other {indeterminado}}",
  "cli.ran": "Executado em {startedAt, date, instant}",
  "cli.ranTo": "Executado de {startedAt, date, instant} a {finishedAt, date, instant}",
  "cli.exchange": "Exchange Online: {outcome, select, deliver {entregaria} defer {adiaria} no_mail {sem correio} other {inconclusivo}}",
  "cli.retry": "O Exchange Online volta a tentar após 15 minutos, outra vez 15 minutos depois e, a seguir, de hora a hora; ao fim de 24 horas desiste e devolve ao remetente um relatório de não entrega.",
  "cli.why": "Porquê: {text}",
  "cli.fix": "Correção: {text}",
  "cli.see": "Ver: {links}",
  "cli.details": "Detalhes adicionais ({ms, number} ms):",
  "cli.progress": "{count, plural, one {# passo concluído} other {# passos concluídos}}: {title}",
  "cli.couldNotRun": "mailsec: não foi possível executar o teste: {reason}",
  "cli.batchRefused": "mailsec: entrada {n} recusada: {input}: {problem}",
};
