// Porque é que uma execução terminou sem resultado, em português europeu: o evento de erro da
// execução, a falha guardada no registo da execução, o erro de um item de um lote. As mesmas
// chaves e os mesmos argumentos ICU de lib/report/i18n/en/run-errors.ts.
import type { RunErrorKey } from "../en/run-errors";

export const ptRunErrors: Readonly<Record<RunErrorKey, string>> = {
  "run.cancelled": "A execução foi cancelada.",
  "run.timedOut": "O teste não terminou em {seconds} s e foi interrompido.",
  "run.overflowed": "A execução produziu mais eventos do que o permitido e foi interrompida.",
  "run.failed": "A execução falhou dentro do mailsec: {error}",
  "run.unknownType": "Tipo de registo desconhecido: «{type}». Indique uma mnemónica como MX, A, AAAA, TLSA, DS ou DNSKEY.",
  "run.noResolver": "Nenhum resolvedor respondeu (a consulta de {name} {type}: {problem}).",
  "run.trustAnchor": "A âncora de confiança configurada não é utilizável: {error}",
  "run.noResult": "A execução terminou sem resultado.",
  "run.tooLong": "A execução demorou demasiado e foi interrompida.",
  "run.internal": "A execução falhou dentro do mailsec.",
  "run.workerStopped": "O processo de trabalho que executava este teste parou; os passos já feitos foram guardados.",
  "run.notStored": "Não foi possível guardar todos os passos da execução, pelo que o registo está incompleto.",
};
