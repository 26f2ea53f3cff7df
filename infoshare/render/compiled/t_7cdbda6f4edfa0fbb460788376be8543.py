from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'matrix.html.j2'

def root(context, missing=missing, environment=environment):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_language = resolve('language')
    l_0_m = resolve('m')
    l_0_item = resolve('item')
    l_0_purpose = resolve('purpose')
    l_0_facts = resolve('facts')
    l_0_columns = resolve('columns')
    l_0_rows = resolve('rows')
    l_0_unlabelled = resolve('unlabelled')
    l_0_legend = resolve('legend')
    l_0_open_facts = resolve('open_facts')
    l_0_warnings = resolve('warnings')
    l_0_notes = resolve('notes')
    l_0_ruleset = resolve('ruleset')
    try:
        t_1 = environment.filters['join']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'join' found.")
    try:
        t_2 = environment.filters['length']
    except KeyError:
        @internalcode
        def t_2(*unused):
            raise TemplateRuntimeError("No filter named 'length' found.")
    pass
    yield '<!DOCTYPE html>\n<html lang="'
    yield escape((undefined(name='language') if l_0_language is missing else l_0_language))
    yield '">\n<head>\n<meta charset="utf-8">\n<meta name="viewport" content="width=device-width, initial-scale=1">\n<title>'
    yield escape(environment.call(context, (undefined(name='m') if l_0_m is missing else l_0_m), 'matrix.title'))
    yield ': '
    yield escape((undefined(name='item') if l_0_item is missing else l_0_item))
    yield ' – '
    yield escape((undefined(name='purpose') if l_0_purpose is missing else l_0_purpose))
    yield '</title>\n<style>\n  body { font: 11pt/1.5 "Liberation Serif", Georgia, serif; color: #111; max-width: 64em; margin: 2em auto; padding: 0 1.5em; }\n  h1 { font-size: 1.6em; border-bottom: 2px solid #333; padding-bottom: .2em; }\n  h2 { font-size: 1.2em; margin-top: 1.6em; border-bottom: 1px solid #bbb; }\n  h3 { font-size: 1.05em; margin-bottom: .2em; }\n  dl.question { display: grid; grid-template-columns: max-content 1fr; gap: .1em 1em; }\n  dl.question dt { font-weight: bold; }\n  dl.question dd { margin: 0; }\n  dl.question ul { margin: 0; padding-left: 1.2em; }\n  a { color: #034; }\n  code { font-size: .85em; color: #444; }\n  table.grid { border-collapse: collapse; font: 10pt/1.2 "Liberation Sans", Arial, sans-serif; margin: 1em 0; }\n  table.grid th, table.grid td { border: 1px solid #888; padding: 0; text-align: center; }\n  table.grid thead th { min-width: 2em; padding: .2em; vertical-align: bottom; }\n  table.grid thead .column-label { writing-mode: vertical-rl; transform: rotate(180deg); display: inline-block; max-height: 14em; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; font-weight: normal; font-size: .85em; }\n  table.grid tbody th { text-align: left; font-weight: normal; padding: .2em .5em; white-space: nowrap; }\n  table.grid td a { display: block; padding: .25em .3em; color: inherit; text-decoration: none; font-weight: bold; }\n  table.grid td a:hover, table.grid td a:focus { outline: 2px solid #111; }\n  .key { display: inline-block; min-width: 1.6em; color: #555; }\n  .must_share { background: #b3261e; color: #fff; }\n  .may_share { background: #2e7d32; color: #fff; }\n  .must_not_share { background: #1f4e99; color: #fff; }\n  .refer { background: #f5c518; color: #000; }\n  .mark { display: inline-block; min-width: 1.6em; text-align: center; padding: 0 .2em; font: bold 10pt "Liberation Sans", Arial, sans-serif; }\n  ul.legend { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: .3em 1.2em; font-size: .95em; }\n  .warning { color: #7a4b00; }\n  section.note { border-top: 1px solid #ddd; padding-top: .2em; }\n  section.note:target { outline: 3px solid #f5c518; outline-offset: .3em; }\n  .cells { font-size: .9em; color: #333; }\n  hr { border: 0; border-top: 1px solid #999; margin-top: 2em; }\n  footer p { font-size: .85em; color: #444; }\n  @page { size: A4 landscape; margin: 12mm; }\n  @media print {\n    * { print-color-adjust: exact; -webkit-print-color-adjust: exact; }\n    body { margin: 0; max-width: none; font-size: 10pt; }\n    a { color: inherit; text-decoration: none; }\n    section.note a[href^="http"]::after { content: " (" attr(href) ")"; font-size: .8em; }\n    .back { display: none; }\n    table.grid, section.note { break-inside: avoid; }\n    h2, h3 { break-after: avoid; }\n  }\n</style>\n</head>\n<body>\n<h1>'
    yield escape(environment.call(context, (undefined(name='m') if l_0_m is missing else l_0_m), 'matrix.title'))
    yield '</h1>\n<dl class="question">\n  <dt>'
    yield escape(environment.call(context, (undefined(name='m') if l_0_m is missing else l_0_m), 'matrix.item'))
    yield '</dt><dd>'
    yield escape((undefined(name='item') if l_0_item is missing else l_0_item))
    yield '</dd>\n  <dt>'
    yield escape(environment.call(context, (undefined(name='m') if l_0_m is missing else l_0_m), 'matrix.purpose'))
    yield '</dt><dd>'
    yield escape((undefined(name='purpose') if l_0_purpose is missing else l_0_purpose))
    yield '</dd>\n  <dt>'
    yield escape(environment.call(context, (undefined(name='m') if l_0_m is missing else l_0_m), 'matrix.facts'))
    yield '</dt>\n  <dd>'
    if (undefined(name='facts') if l_0_facts is missing else l_0_facts):
        pass
        yield '<ul>'
        for (l_1_label, l_1_value) in (undefined(name='facts') if l_0_facts is missing else l_0_facts):
            _loop_vars = {}
            pass
            yield '<li>'
            yield escape(l_1_label)
            yield ': '
            yield escape(l_1_value)
            yield '</li>'
        l_1_label = l_1_value = missing
        yield '</ul>'
    else:
        pass
        yield escape(environment.call(context, (undefined(name='m') if l_0_m is missing else l_0_m), 'matrix.no_facts'))
    yield '</dd>\n</dl>\n<p>'
    yield escape(environment.call(context, (undefined(name='m') if l_0_m is missing else l_0_m), 'matrix.axes'))
    yield '</p>\n<table class="grid" id="grid">\n<thead>\n<tr><th></th>'
    for l_1_column in (undefined(name='columns') if l_0_columns is missing else l_0_columns):
        _loop_vars = {}
        pass
        yield '<th scope="col" title="'
        yield escape(environment.getattr(l_1_column, 'label'))
        yield '"><span class="column-label">'
        yield escape(environment.getattr(l_1_column, 'label'))
        yield '</span> <span class="key">'
        yield escape(environment.getattr(l_1_column, 'number'))
        yield '</span></th>'
    l_1_column = missing
    yield '</tr>\n</thead>\n<tbody>\n'
    for l_1_row in (undefined(name='rows') if l_0_rows is missing else l_0_rows):
        _loop_vars = {}
        pass
        yield '<tr><th scope="row"><span class="key">'
        yield escape((environment.getattr(l_1_row, 'number') or ''))
        yield '</span> '
        yield escape(environment.getattr(l_1_row, 'label'))
        yield '</th>\n'
        for l_2_cell in environment.getattr(l_1_row, 'cells'):
            _loop_vars = {}
            pass
            yield '<td class="'
            yield escape(environment.getattr(l_2_cell, 'outcome'))
            yield '"><a href="#note-'
            yield escape(environment.getattr(l_2_cell, 'note'))
            yield '" title="'
            yield escape(environment.getattr(l_2_cell, 'title'))
            yield '">'
            yield escape(environment.getattr(l_2_cell, 'mark'))
            yield '</a></td>\n'
        l_2_cell = missing
        yield '</tr>\n'
    l_1_row = missing
    yield '</tbody>\n</table>\n'
    if (undefined(name='unlabelled') if l_0_unlabelled is missing else l_0_unlabelled):
        pass
        yield '<p>'
        yield escape(environment.call(context, (undefined(name='m') if l_0_m is missing else l_0_m), 'matrix.columns'))
        yield ': '
        l_1_loop = missing
        for l_1_column, l_1_loop in LoopContext((undefined(name='unlabelled') if l_0_unlabelled is missing else l_0_unlabelled), undefined):
            _loop_vars = {}
            pass
            yield escape(environment.getattr(l_1_column, 'number'))
            yield ' '
            yield escape(environment.getattr(l_1_column, 'label'))
            if (not environment.getattr(l_1_loop, 'last')):
                pass
                yield ' · '
        l_1_loop = l_1_column = missing
        yield '</p>\n'
    yield '<ul class="legend">\n'
    for (l_1_outcome, l_1_mark, l_1_meaning) in (undefined(name='legend') if l_0_legend is missing else l_0_legend):
        _loop_vars = {}
        pass
        yield '  <li><span class="mark '
        yield escape(l_1_outcome)
        yield '">'
        yield escape(l_1_mark)
        yield '</span> '
        yield escape(l_1_meaning)
        yield '</li>\n'
    l_1_outcome = l_1_mark = l_1_meaning = missing
    yield '</ul>\n'
    if (undefined(name='open_facts') if l_0_open_facts is missing else l_0_open_facts):
        pass
        yield '<p><strong>'
        yield escape(environment.call(context, (undefined(name='m') if l_0_m is missing else l_0_m), 'matrix.open_facts', mark=environment.call(context, (undefined(name='m') if l_0_m is missing else l_0_m), 'matrix.mark.missing_facts')))
        yield '</strong>\n'
        l_1_loop = missing
        for (l_1_label, l_1_count), l_1_loop in LoopContext((undefined(name='open_facts') if l_0_open_facts is missing else l_0_open_facts), undefined):
            _loop_vars = {}
            pass
            yield escape(l_1_label)
            yield ' ('
            yield escape(l_1_count)
            yield ')'
            if (not environment.getattr(l_1_loop, 'last')):
                pass
                yield ' · '
        l_1_loop = l_1_label = l_1_count = missing
        yield '</p>\n'
    for l_1_warning in (undefined(name='warnings') if l_0_warnings is missing else l_0_warnings):
        _loop_vars = {}
        pass
        yield '<p class="warning">⚠ '
        yield escape(l_1_warning)
        yield '</p>\n'
    l_1_warning = missing
    yield '\n<h2>'
    yield escape(environment.call(context, (undefined(name='m') if l_0_m is missing else l_0_m), 'matrix.notes'))
    yield '</h2>\n'
    for l_1_note in (undefined(name='notes') if l_0_notes is missing else l_0_notes):
        _loop_vars = {}
        pass
        yield '<section class="note" id="note-'
        yield escape(environment.getattr(l_1_note, 'number'))
        yield '">\n<h3><span class="mark '
        yield escape(environment.getattr(l_1_note, 'outcome'))
        yield '">'
        yield escape(environment.getattr(l_1_note, 'mark'))
        yield '</span> '
        yield escape(environment.getattr(l_1_note, 'number'))
        yield '. '
        yield escape(environment.getattr(l_1_note, 'meaning'))
        yield '</h3>\n<p class="cells"><strong>'
        yield escape(environment.call(context, (undefined(name='m') if l_0_m is missing else l_0_m), 'matrix.cells', _loop_vars=_loop_vars))
        yield '</strong> ('
        yield escape(t_2(environment.getattr(l_1_note, 'cells')))
        yield '): '
        yield escape(t_1(context.eval_ctx, environment.getattr(l_1_note, 'cells'), ' · '))
        yield '</p>\n'
        if environment.getattr(l_1_note, 'grounds'):
            pass
            if (environment.getattr(l_1_note, 'outcome') == 'refer'):
                pass
                yield '<p>'
                yield escape(environment.call(context, (undefined(name='m') if l_0_m is missing else l_0_m), 'heading.would_decide', _loop_vars=_loop_vars))
                yield ':</p>'
            yield '<ul>\n'
            for l_2_ground in environment.getattr(l_1_note, 'grounds'):
                _loop_vars = {}
                pass
                yield '  <li><strong>'
                yield escape(environment.getattr(l_2_ground, 'title'))
                yield '</strong> <code>'
                yield escape(environment.getattr(l_2_ground, 'rule'))
                yield '</code>\n    <p>'
                yield escape(environment.getattr(l_2_ground, 'explanation'))
                yield '</p>\n    <ul>\n'
                for l_3_citation in environment.getattr(l_2_ground, 'citations'):
                    _loop_vars = {}
                    pass
                    yield '      <li><a href="'
                    yield escape(environment.getattr(l_3_citation, 'url'))
                    yield '">'
                    yield escape(environment.getattr(l_3_citation, 'text'))
                    yield '</a> – '
                    yield escape(environment.getattr(l_3_citation, 'title'))
                    if (not environment.getattr(l_3_citation, 'verified')):
                        pass
                        yield ' <span class="warning">⚠ '
                        yield escape(environment.call(context, (undefined(name='m') if l_0_m is missing else l_0_m), 'phrase.unverified', _loop_vars=_loop_vars))
                        yield '</span>'
                    yield '</li>\n'
                l_3_citation = missing
                yield '    </ul>\n  </li>\n'
            l_2_ground = missing
            yield '</ul>\n'
        if environment.getattr(l_1_note, 'questions'):
            pass
            yield '<p>'
            yield escape(environment.call(context, (undefined(name='m') if l_0_m is missing else l_0_m), 'heading.questions', _loop_vars=_loop_vars))
            yield ':</p>\n<ul>\n'
            for l_2_question in environment.getattr(l_1_note, 'questions'):
                _loop_vars = {}
                pass
                yield '  <li>'
                yield escape(l_2_question)
                yield '</li>\n'
            l_2_question = missing
            yield '</ul>\n'
        if environment.getattr(l_1_note, 'mixed'):
            pass
            yield '<p class="warning">'
            yield escape(environment.call(context, (undefined(name='m') if l_0_m is missing else l_0_m), 'grounds_depend_on_unknown_facts', _loop_vars=_loop_vars))
            yield '</p>'
        yield '<p class="back"><a href="#grid">↑ '
        yield escape(environment.call(context, (undefined(name='m') if l_0_m is missing else l_0_m), 'matrix.title', _loop_vars=_loop_vars))
        yield '</a></p>\n</section>\n'
    l_1_note = missing
    yield '\n<hr>\n<footer>\n<p>'
    yield escape((undefined(name='ruleset') if l_0_ruleset is missing else l_0_ruleset))
    yield '</p>\n<p>'
    yield escape(environment.call(context, (undefined(name='m') if l_0_m is missing else l_0_m), 'matrix.disclaimer'))
    yield '</p>\n</footer>\n</body>\n</html>\n'

blocks = {}
debug_info = '2=37&6=39&51=45&53=47&54=51&55=55&56=57&58=74&61=76&64=88&65=92&66=96&67=100&73=112&74=115&77=130&78=134&81=142&82=145&83=148&85=160&86=164&89=168&90=170&91=174&92=176&93=184&94=190&95=192&97=198&98=202&99=206&101=208&102=212&109=227&110=230&112=232&113=236&117=240&118=246&124=250&125=252'
# Generated by `make templates` from templates/matrix.html.j2: do not edit.
